import type { ClusterApi } from './cluster-api.ts';
import { KubeAccess } from './kube-access.ts';
import { accessFromKubeconfig } from './kube-access-from.ts';
import { KubeClusterApi } from './kube-cluster-api.ts';
import { contextEntries } from './kubeconfig.ts';
import { type KubeLimits, resolveKubeLimits } from './limits.ts';

/**
 * A ClusterApi for one kubeconfig context (files as in KUBECONFIG; default `~/.kube/config`). A credential
 * plugin (`user.exec`) is run once here, so a failing one is this cluster's single `access-denied` error.
 * @example await clusterApiFromKubeconfig({ files: ['/tmp/kc.yaml'], context: 'prod-use1' })
 */
export async function clusterApiFromKubeconfig(opts: {
  files?: string[];
  context: string;
  name?: string;
  limits?: Partial<KubeLimits>;
}): Promise<KubeClusterApi> {
  const name = opts.name ?? opts.context;
  const limits = resolveKubeLimits(opts.limits);
  const access = await accessFromKubeconfig(
    contextEntries(opts.files, opts.context),
    name,
    limits.apiDeadlineMs * 3,
  );
  return new KubeClusterApi(name, access, limits);
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
  const tls = {
    ...(opts.caData ? { ca: Buffer.from(opts.caData, 'base64') } : {}),
    rejectUnauthorized: !opts.skipTLSVerify,
  };
  const access = new KubeAccess(opts.server.replace(/\/$/, ''), tls, async () => ({
    token: await opts.token(),
  }));
  return new KubeClusterApi(opts.name, access, resolveKubeLimits(opts.limits));
}

export type { ClusterApi };
