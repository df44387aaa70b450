/** What the simulated network looks like to a probe container. */
export interface ProbeEnv {
  dns: 'ok' | 'nxdomain' | 'timeout';
  service: 'ok' | 'refused' | 'timeout';
  /** Cluster DNS service IP, e.g. 10.96.0.10. */
  dnsServer: string;
  /** A/AAAA answer for an absolute name, as the DNS server answers it (undefined = NXDOMAIN). */
  resolve(name: string): string | undefined;
  /** The pod's resolv.conf `search` list (Kubernetes: `<ns>.svc.<domain> svc.<domain> <domain>`). */
  search: readonly string[];
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

/** Kubernetes pods get `options ndots:5`: names with fewer dots try the search list first (libc resolver). */
const NDOTS = 5;

/**
 * Address a host argument connects to: IP literals as is; names through the libc resolver that busybox nc/wget use
 * (getaddrinfo honours resolv.conf `search` and `ndots`); undefined when DNS fails or no candidate exists → busybox
 * prints `bad address`.
 */
export function lookupHost(host: string, env: ProbeEnv): string | undefined {
  if (IPV4.test(host)) return host;
  if (env.dns !== 'ok') return undefined;
  if (host.endsWith('.')) return env.resolve(host);
  const expanded = env.search.map((d) => `${host}.${d}`);
  const dots = host.split('.').length - 1;
  const order = dots >= NDOTS ? [host, ...expanded] : [...expanded, host];
  for (const name of order) {
    const ip = env.resolve(name);
    if (ip !== undefined) return ip;
  }
  return undefined;
}
