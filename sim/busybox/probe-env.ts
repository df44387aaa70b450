/** What the simulated network looks like to a probe container. */
export interface ProbeEnv {
  dns: 'ok' | 'nxdomain' | 'timeout';
  service: 'ok' | 'refused' | 'timeout';
  /** Cluster DNS service IP, e.g. 10.96.0.10. */
  dnsServer: string;
  /** A/AAAA answer for a name (undefined = no such name). */
  resolve(name: string): string | undefined;
  /** Body served by reachable HTTP endpoints (wget); default `ok\n`. */
  body?: string;
}

/** Output of one busybox invocation. */
export interface BusyboxResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Address a host argument connects to: IP literals as is; names via DNS (undefined when DNS
 * fails or the name does not exist → busybox prints `bad address`).
 */
export function lookupHost(host: string, env: ProbeEnv): string | undefined {
  if (IPV4.test(host)) return host;
  if (env.dns !== 'ok') return undefined;
  return env.resolve(host);
}
