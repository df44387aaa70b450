import type { BusyboxResult, ProbeEnv } from './probe-env.ts';

/*
 * busybox nslookup (networking/nslookup.c, FEATURE_NSLOOKUP_BIG, 1.34+; verified in the public
 * busybox source): A and AAAA are queried; on the first reply `Server:\t\t<server>` /
 * `Address:\t<ip>:53` / blank line; then per reply either the answers (`Name:\t<name>` /
 * `Address: <ip>`; an empty AAAA answer prints nothing) or `** server can't find <name>: NXDOMAIN`
 * (exit code becomes 1), each reply followed by a blank line. No reply from any server →
 * `;; connection timed out; no servers could be reached` + blank line on STDOUT, exit 1.
 * Search domains apply only to dot-less names (`add_query_with_search`): each expansion is queried and
 * answered in turn, and any NXDOMAIN among them makes the exit code 1. A dotted name is queried as is.
 * Simplification: one answer block per name (A and AAAA folded).
 */
export function nslookup(args: string[], env: ProbeEnv): BusyboxResult {
  const positional = args.filter((a) => !a.startsWith('-'));
  const name = positional[0];
  if (name === undefined || positional.length > 2) {
    return {
      stdout: '',
      stderr:
        'BusyBox v1.36.1 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n',
      exitCode: 1,
    };
  }
  if (env.dns === 'timeout') {
    return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1 };
  }
  const server = positional[1] ?? env.dnsServer;
  const head = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  const names =
    name.includes('.') || env.search.length === 0 ? [name] : env.search.map((d) => `${name}.${d}`);
  let out = head;
  let exitCode = 0;
  for (const q of names) {
    const ip = env.dns === 'ok' ? env.resolve(q) : undefined;
    if (ip === undefined) {
      const miss = `** server can't find ${q}: NXDOMAIN\n\n`;
      out += miss + miss;
      exitCode = 1;
    } else out += `Name:\t${q}\nAddress: ${ip}\n\n\n`;
  }
  return { stdout: out, stderr: '', exitCode };
}
