import { KubeConfig, type User } from '@kubernetes/client-node';
import { FleetcheckError } from '../errors.ts';
import type { ClusterApi } from './cluster-api.ts';
import { execConfigSchema, execCredentialSource } from './exec-credential.ts';
import { KubeClusterApi } from './kube-cluster-api.ts';
import { kubeConfigForContext } from './kubeconfig.ts';
import { type KubeLimits, resolveKubeLimits } from './limits.ts';

const TOKEN_PROVIDER = 'fleetcheck-token';

const EXEC_PROVIDER = 'fleetcheck-exec';

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
  const kc = kubeConfigForContext(opts.files, opts.context);
  const user = kc.getCurrentUser();
  if (user?.exec) await useExecCredential(kc, user, name, limits.apiDeadlineMs * 3);
  return new KubeClusterApi(name, kc, limits);
}

/** Replaces the user's exec stanza with one plugin run shared by every request of this cluster client. */
async function useExecCredential(kc: KubeConfig, user: User, cluster: string, timeoutMs: number) {
  const exec = execConfigSchema.safeParse(user.exec);
  if (!exec.success)
    throw new FleetcheckError(
      'invalid-input',
      `kubeconfig user "${user.name}": exec needs a command (client.authentication.k8s.io)`,
      { cluster },
    );
  const source = execCredentialSource(exec.data, { cluster, user: user.name }, timeoutMs);
  await source.get();
  kc.addAuthenticator({
    isAuthProvider: (u: User) => u?.authProvider?.name === EXEC_PROVIDER,
    applyAuthentication: async (_u, reqOpts) => {
      const cred = await source.get();
      if (cred.clientCertificateData) reqOpts.cert = cred.clientCertificateData;
      if (cred.clientKeyData) reqOpts.key = cred.clientKeyData;
      if (cred.token) reqOpts.headers = { ...reqOpts.headers, Authorization: `Bearer ${cred.token}` };
    },
  });
  const { exec: _exec, ...rest } = user;
  kc.loadFromOptions({
    clusters: kc.clusters,
    users: [{ ...rest, authProvider: { name: EXEC_PROVIDER, config: {} } }],
    contexts: kc.contexts,
    currentContext: kc.currentContext,
  });
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
