/** How one probe container ended, from its exit code and log. */
export type ProbeState =
  | 'ok'
  | 'nxdomain'
  | 'timeout'
  | 'refused'
  | 'dns-error'
  | 'http-error'
  | 'failed'
  | 'unknown';

/**
 * Classifies a busybox probe (nslookup / nc -z / wget) from exit code and log text.
 * @example classifyProbe('service', 1, 'nc: can\'t connect to remote host (10.96.0.1): Connection refused') // 'refused'
 */
export function classifyProbe(
  kind: 'dns' | 'service',
  exitCode: number | undefined,
  logs: string,
): ProbeState {
  if (exitCode === undefined) return 'unknown';
  if (exitCode === 0) return 'ok';
  if (kind === 'dns') {
    if (/NXDOMAIN|can't find|can't resolve|SERVFAIL|REFUSED/i.test(logs)) return 'nxdomain';
    if (/timed out|timeout|no servers could be reached/i.test(logs)) return 'timeout';
    return 'failed';
  }
  if (/refused/i.test(logs)) return 'refused';
  if (/timed out|timeout/i.test(logs)) return 'timeout';
  if (/bad address|can't resolve|unknown host|NXDOMAIN/i.test(logs)) return 'dns-error';
  if (/server returned error|HTTP\/\d/i.test(logs)) return 'http-error';
  return 'failed';
}
