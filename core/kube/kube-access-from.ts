import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { FleetcheckError } from '../errors.ts';
import { execConfigSchema, execCredentialSource } from './exec-credential.ts';
import { type ApplyOptions, type Credentials, KubeAccess, type KubeTls } from './kube-access.ts';
import type { ContextEntries } from './kubeconfig.ts';
import type { KubeconfigCluster, KubeconfigUser } from './kubeconfig-schema.ts';

type UserFields = Partial<NonNullable<KubeconfigUser['user']>>;

/** Bytes from base64 data, else from a file (relative paths start at the kubeconfig's directory). */
function bytesOf(
  data: string | null | undefined,
  file: string | null | undefined,
  dir: string,
  what: string,
) {
  if (data) return Buffer.from(data, 'base64');
  if (!file) return undefined;
  const path = isAbsolute(file) || !dir ? file : join(dir, file);
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new FleetcheckError('invalid-input', `kubeconfig ${what} ${path} cannot be read (${code})`, {
      file: path,
    });
  }
}

function tlsOf(e: ContextEntries): KubeTls {
  const c = e.cluster.cluster;
  const u = e.user.user;
  const ca = bytesOf(
    c['certificate-authority-data'],
    c['certificate-authority'],
    e.clusterDir,
    'certificate-authority',
  );
  const cert = bytesOf(
    u?.['client-certificate-data'],
    u?.['client-certificate'],
    e.userDir,
    'client-certificate',
  );
  const key = bytesOf(u?.['client-key-data'], u?.['client-key'], e.userDir, 'client-key');
  return {
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    rejectUnauthorized: c['insecure-skip-tls-verify'] !== true,
    ...(c['tls-server-name'] ? { servername: c['tls-server-name'] } : {}),
  };
}

/**
 * client-node's own request options, for what fleetcheck does not implement itself: auth-provider users
 * (OIDC, GCP, Azure) and clusters behind a proxy. Loaded only for them.
 */
async function clientNodeOptions(cluster: KubeconfigCluster, user: KubeconfigUser): Promise<ApplyOptions> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const c = cluster.cluster;
  const u: UserFields = user.user ?? {};
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: c.server,
        skipTLSVerify: c['insecure-skip-tls-verify'] === true,
        ...(c['certificate-authority-data'] ? { caData: c['certificate-authority-data'] } : {}),
        ...(c['certificate-authority'] ? { caFile: c['certificate-authority'] } : {}),
        ...(c['tls-server-name'] ? { tlsServerName: c['tls-server-name'] } : {}),
        ...(c['proxy-url'] ? { proxyUrl: c['proxy-url'] } : {}),
      },
    ],
    users: [
      {
        name: user.name,
        ...(u.token ? { token: u.token } : {}),
        ...(u['client-certificate-data'] ? { certData: u['client-certificate-data'] } : {}),
        ...(u['client-certificate'] ? { certFile: u['client-certificate'] } : {}),
        ...(u['client-key-data'] ? { keyData: u['client-key-data'] } : {}),
        ...(u['client-key'] ? { keyFile: u['client-key'] } : {}),
        ...(u.username ? { username: u.username, password: u.password ?? '' } : {}),
        ...(u['auth-provider'] ? { authProvider: u['auth-provider'] } : {}),
      },
    ],
    contexts: [{ name: 'fleetcheck', cluster: cluster.name, user: user.name }],
    currentContext: 'fleetcheck',
  });
  return (opts) => kc.applyToHTTPSOptions(opts);
}

/** The per-request credentials of a kubeconfig user; a credential plugin is run once here (and on expiry). */
async function credentialsOf(e: ContextEntries, cluster: string, timeoutMs: number) {
  const u: UserFields = e.user.user ?? {};
  const impersonate = u.as ? { impersonateUser: u.as } : {};
  if (u.exec !== undefined && u.exec !== null) {
    const exec = execConfigSchema.safeParse(u.exec);
    if (!exec.success)
      throw new FleetcheckError(
        'invalid-input',
        `kubeconfig user "${e.user.name}": exec needs a command (client.authentication.k8s.io)`,
        { cluster },
      );
    const source = execCredentialSource(exec.data, { cluster, user: e.user.name }, timeoutMs);
    await source.get();
    return async (): Promise<Credentials> => {
      const c = await source.get();
      return {
        ...(c.token ? { token: c.token } : {}),
        ...(c.clientCertificateData ? { cert: c.clientCertificateData } : {}),
        ...(c.clientKeyData ? { key: c.clientKeyData } : {}),
        ...impersonate,
      };
    };
  }
  const tokenFile = u['token-file'];
  if (!u.token && tokenFile) {
    const path = isAbsolute(tokenFile) || !e.userDir ? tokenFile : join(e.userDir, tokenFile);
    return async (): Promise<Credentials> => ({
      token: (bytesOf(undefined, path, '', 'token-file') ?? '').toString().trim(),
      ...impersonate,
    });
  }
  const fixed: Credentials = {
    ...(u.token ? { token: u.token } : {}),
    ...(u.username ? { basic: { username: u.username, password: u.password ?? '' } } : {}),
    ...impersonate,
  };
  return async () => fixed;
}

/**
 * How to reach one kubeconfig context: its TLS resolved once, its credentials per request.
 * @example await accessFromKubeconfig(contextEntries(files, 'prod'), 'prod', 30_000)
 */
export async function accessFromKubeconfig(
  e: ContextEntries,
  cluster: string,
  pluginTimeoutMs: number,
): Promise<KubeAccess> {
  const server = e.cluster.cluster.server.replace(/\/$/, '');
  const proxyUrl = e.cluster.cluster['proxy-url'] ?? undefined;
  const other =
    e.user.user?.['auth-provider'] || proxyUrl ? await clientNodeOptions(e.cluster, e.user) : undefined;
  const credentials = other ? async () => ({}) : await credentialsOf(e, cluster, pluginTimeoutMs);
  return new KubeAccess(server, tlsOf(e), credentials, proxyUrl, other);
}
