/** The cluster DNS domain the probe resolves names in, and where it was read. */
export interface ClusterDomain {
  domain: string;
  source: 'coredns' | 'default';
}

const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';
const REVERSE = /\.?(in-addr|ip6)\.arpa\.?$/;

/**
 * The cluster domain a CoreDNS Corefile serves: the first forward zone of its `kubernetes` plugin line
 * (`kubernetes <zones...> {`), as kubeadm, EKS and AKS render it; undefined when there is none.
 * @example domainFromCorefile('.:53 {\n  kubernetes corp.example in-addr.arpa ip6.arpa {\n  }\n}') // 'corp.example'
 */
function domainFromCorefile(corefile: string): string | undefined {
  for (const line of corefile.split('\n')) {
    const m = /^\s*kubernetes\s+([^{#]*)/.exec(line);
    if (!m) continue;
    const zone = (m[1] ?? '')
      .trim()
      .split(/\s+/)
      .find((z) => z !== '' && !REVERSE.test(z));
    if (zone) return zone.replace(/\.$/, '');
  }
  return undefined;
}

/** The cluster domain from the CoreDNS ConfigMap data, or the Kubernetes default when it does not say. */
export function clusterDomain(coredns: Record<string, string> | null | undefined): ClusterDomain {
  const domain = coredns?.['Corefile'] ? domainFromCorefile(coredns['Corefile']) : undefined;
  return domain ? { domain, source: 'coredns' } : { domain: DEFAULT_CLUSTER_DOMAIN, source: 'default' };
}
