import { stringify } from 'yaml';

export interface KubeconfigCluster {
  name: string;
  server: string;
  token: string;
}

/** A kubeconfig with one context per cluster (context = cluster = user name), CA + token embedded. */
export function kubeconfigYaml(clusters: KubeconfigCluster[], caPem: string | undefined): string {
  const caData = caPem ? Buffer.from(caPem).toString('base64') : undefined;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': clusters[0]?.name ?? '',
    clusters: clusters.map((c) => ({
      name: c.name,
      cluster: caData
        ? { server: c.server, 'certificate-authority-data': caData }
        : { server: c.server, 'insecure-skip-tls-verify': true },
    })),
    users: clusters.map((c) => ({ name: c.name, user: { token: c.token } })),
    contexts: clusters.map((c) => ({ name: c.name, context: { cluster: c.name, user: c.name } })),
  });
}
