import { type BusyboxResult, lookupHost, type ProbeEnv } from './probe-env.ts';

/*
 * busybox `nc` (nc_bloaty.c, NC_110_COMPAT; verified in the public busybox source):
 * - host lookup via xhost2sockaddr → `nc: bad address '<host>'`, exit 1;
 * - connect failure → exit 1 and, only when verbose, `nc: <host> (<ip>:<port>): <strerror>`:
 *   `-v` reports everything except ECONNREFUSED, `-vv` reports refusals too. Without `-v` a failed
 *   `nc -z` is SILENT. A `-w` expiry fakes ETIMEDOUT → `Connection timed out` (same text as a
 *   kernel timeout);
 * - success → exit 0; with `-v` stderr gets `<host> (<ip>:<port>) open`.
 */
export function nc(args: string[], env: ProbeEnv): BusyboxResult {
  let verbose = 0;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (!a.startsWith('-') || a === '-') {
      rest.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === 'v') verbose++;
      else if (c === 'w' || c === 'p' || c === 's' || c === 'i' || c === 'o') {
        if (j === a.length - 1) i++;
        break;
      }
    }
  }
  const [host, port] = rest;
  if (host === undefined || port === undefined) {
    return {
      stdout: '',
      stderr: 'BusyBox v1.36.1 multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n',
      exitCode: 1,
    };
  }
  const ip = lookupHost(host, env);
  if (ip === undefined) return { stdout: '', stderr: `nc: bad address '${host}'\n`, exitCode: 1 };
  const peer = `${host} (${ip}:${port})`;
  if (env.service === 'ok') return { stdout: '', stderr: verbose > 0 ? `${peer} open\n` : '', exitCode: 0 };
  const refused = env.service === 'refused';
  const report = verbose > 1 || (verbose > 0 && !refused);
  const reason = refused ? 'Connection refused' : 'Connection timed out';
  return { stdout: '', stderr: report ? `nc: ${peer}: ${reason}\n` : '', exitCode: 1 };
}
