import type { RequestOptions } from 'node:https';

/** TLS of one cluster connection, resolved once (files read, base64 decoded). */
export interface KubeTls {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** false only with `insecure-skip-tls-verify: true`. */
  rejectUnauthorized: boolean;
  servername?: string;
}

/** A client certificate a request presents instead of the kubeconfig's (an exec plugin's); empty = the kubeconfig's. */
export interface ClientCert {
  cert?: string | Buffer;
  key?: string | Buffer;
}

/** What authenticates one request: a bearer token, basic auth, a client certificate, impersonation. */
export interface Credentials extends ClientCert {
  token?: string;
  basic?: { username: string; password: string };
  impersonateUser?: string;
}

/** Applies credentials another way (client-node, for auth providers and proxies); mutates the options. */
export type ApplyOptions = (opts: RequestOptions) => Promise<void>;

/**
 * How to reach one cluster: its server, its TLS, and the credentials of each request (read per request, so
 * rotating tokens and credential plugins stay current).
 * @example await access.apply(url, opts) // opts.headers.Authorization = 'Bearer …'
 */
export class KubeAccess {
  constructor(
    readonly server: string,
    readonly tls: KubeTls,
    private readonly credentials: () => Promise<Credentials>,
    readonly proxyUrl?: string,
    private readonly other?: ApplyOptions,
  ) {}

  /**
   * Adds the request's headers (token, basic auth, impersonation) to `opts` and returns the client certificate
   * it presents: the credentials' own (an exec plugin's), else the kubeconfig's. Client-node's way (`other`)
   * sets everything on `opts` itself, TLS included.
   */
  async apply(url: URL, opts: RequestOptions): Promise<ClientCert> {
    if (this.other) {
      await this.other(opts);
      return {};
    }
    if (url.protocol === 'http:' && this.tls.rejectUnauthorized)
      throw new Error('HTTP protocol is not allowed when skipTLSVerify is not set or false');
    const c = await this.credentials();
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined) };
    if (c.token) headers['Authorization'] = `Bearer ${c.token}`;
    else if (c.basic)
      headers['Authorization'] =
        `Basic ${Buffer.from(`${c.basic.username}:${c.basic.password}`).toString('base64')}`;
    if (c.impersonateUser) headers['Impersonate-User'] = c.impersonateUser;
    opts.headers = headers;
    return c.cert && c.key ? { cert: c.cert, key: c.key } : {};
  }

  /** The cluster's TLS on `opts` for a connection made without its keep-alive agent (as client-node's applyToHTTPSOptions). */
  applyTls(opts: RequestOptions, client: ClientCert): void {
    if (this.tls.ca) opts.ca = this.tls.ca;
    const cert = client.cert ?? this.tls.cert;
    const key = client.key ?? this.tls.key;
    if (cert) opts.cert = cert;
    if (key) opts.key = key;
    if (!this.tls.rejectUnauthorized) opts.rejectUnauthorized = false;
    if (this.tls.servername) opts.servername = this.tls.servername;
  }
}
