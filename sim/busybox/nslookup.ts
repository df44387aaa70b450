import type { BusyboxResult, ProbeEnv } from './probe-env.ts';

/*
 * Verified against busybox networking/nslookup.c (FEATURE_NSLOOKUP_BIG, public source):
 * `Server:\t\t%s` / `Address:\t%s` (addr:port) / blank line; `** server can't find %s: %s` per failed
 * query (A and AAAA are both queried for a name); timeout → stderr
 * `;; connection timed out; no servers could be reached` + blank line, exit 1.
 * Assumed (newer busybox, matching Kubernetes debugging transcripts): answer block
 * `Name:\t<name>` / `Address: <ip>` + blank line, and exit 1 when the name is not found.
 */
export function nslookup(args: string[], env: ProbeEnv): BusyboxResult {
  const positional = args.filter((a) => !a.startsWith('-'));
  const name = positional[0];
  if (name === undefined) {
    return {
      stdout: '',
      stderr: 'Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n',
      exitCode: 1,
    };
  }
  if (env.dns === 'timeout') {
    return { stdout: '', stderr: ';; connection timed out; no servers could be reached\n\n', exitCode: 1 };
  }
  const server = positional[1] ?? env.dnsServer;
  const head = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  const ip = env.dns === 'ok' ? env.resolve(name) : undefined;
  if (ip === undefined) {
    const miss = `** server can't find ${name}: NXDOMAIN\n\n`;
    return { stdout: head + miss + miss, stderr: '', exitCode: 1 };
  }
  return { stdout: `${head}Name:\t${name}\nAddress: ${ip}\n\n`, stderr: '', exitCode: 0 };
}
