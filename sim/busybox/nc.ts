import { type BusyboxResult, lookupHost, type ProbeEnv } from './probe-env.ts';

/*
 * busybox `nc -z -w <s> <host> <port>` (nc_bloaty). Verified: `bad address '<host>'` comes from
 * libbb xhost2sockaddr. Assumed from published transcripts: connect errors as
 * `nc: <host> (<ip>:<port>): Connection refused`, `-w` expiry as `nc: timed out`, and without `-w`
 * the kernel's `Connection timed out`. All failures exit 1; success with -z is silent, exit 0.
 */
export function nc(args: string[], env: ProbeEnv): BusyboxResult {
  let wait: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '-w') wait = args[++i];
    else if (a.startsWith('-w')) wait = a.slice(2);
    else if (!a.startsWith('-')) rest.push(a);
  }
  const [host, port] = rest;
  if (host === undefined || port === undefined) {
    return { stdout: '', stderr: 'Usage: nc [OPTIONS] HOST PORT  - connect\n', exitCode: 1 };
  }
  const ip = lookupHost(host, env);
  if (ip === undefined) return { stdout: '', stderr: `nc: bad address '${host}'\n`, exitCode: 1 };
  if (env.service === 'ok') return { stdout: '', stderr: '', exitCode: 0 };
  if (env.service === 'refused') {
    return { stdout: '', stderr: `nc: ${host} (${ip}:${port}): Connection refused\n`, exitCode: 1 };
  }
  const msg = wait !== undefined ? 'nc: timed out\n' : `nc: ${host} (${ip}:${port}): Connection timed out\n`;
  return { stdout: '', stderr: msg, exitCode: 1 };
}
