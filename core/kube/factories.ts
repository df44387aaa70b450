import { KubeConfig, type User } from '@kubernetes/client-node';
import type { ClusterApi } from './cluster-api.ts';
import { KubeClusterApi } from './kube-cluster-api.ts';
import { kubeConfigForContext } from './kubeconfig.ts';
import { type KubeLimits, resolveKubeLimits } from './limits.ts';

const TOKEN_PROVIDER = 'fleetcheck-token';

/**
 * A ClusterApi for one kubeconfig context (files as in KUBECONFIG; default `~/.kube/config`).
 * @example clusterApiFromKubeconfig({ files: ['/tmp/kc.yaml'], context: 'prod-use1' })
 */
export function clusterApiFromKubeconfig(opts: {
  files?: string[];
  context: string;
  name?: string;
  limits?: Partial<KubeLimits>;
}): KubeClusterApi {
  const kc = kubeConfigForContext(opts.files, opts.context);
  return new KubeClusterApi(opts.name ?? opts.context, kc, resolveKubeLimits(opts.limits));
}

/**
 * A ClusterApi for an endpoint whose bearer token comes from `token()`, called for every request and
 * every exec upgrade (e.g. an EKS token cache). `caData` is base64 PEM, as EKS DescribeCluster returns it.
 * @example clusterApiFromEndpoint({ name: 'a', server: 'https://…', caData, token: () => cache.get() })
 */
export function clusterApiFromEndpoint(opts: {
  name: string;
  server: string;
  caData?: string;
  token: () => Promise<string>;
  limits?: Partial<KubeLimits>;
  /** Only for plain-http test servers. */
  skipTLSVerify?: boolean;
}): KubeClusterApi {
  const kc = new KubeConfig();
  kc.addAuthenticator({
    isAuthProvider: (u: User) => u?.authProvider?.name === TOKEN_PROVIDER,
    applyAuthentication: async (_u, reqOpts) => {
      const token = await opts.token();
      reqOpts.headers = { ...reqOpts.headers, Authorization: `Bearer ${token}` };
    },
  });
  kc.loadFromOptions({
    clusters: [
      {
        name: opts.name,
        server: opts.server,
        ...(opts.caData ? { caData: opts.caData } : {}),
        skipTLSVerify: opts.skipTLSVerify ?? false,
      },
    ],
    users: [{ name: 'fleetcheck', authProvider: { name: TOKEN_PROVIDER, config: {} } }],
    contexts: [{ name: opts.name, cluster: opts.name, user: 'fleetcheck' }],
    currentContext: opts.name,
  });
  return new KubeClusterApi(opts.name, kc, resolveKubeLimits(opts.limits));
}

export type { ClusterApi };
