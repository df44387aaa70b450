import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Writable } from 'node:stream';
import { Exec, KubeConfig, type V1Status } from '@kubernetes/client-node';
import type { Simulator } from '../../sim/index.ts';

/**
 * A client-node KubeConfig for one simulated cluster (CA embedded, bearer token): the system:masters identity
 * by default (wire tests), or the one deploy/rbac.yaml binds.
 */
export function kubeConfigFor(
  sim: Simulator,
  name: string,
  who: 'admin' | 'fleetcheck' = 'admin',
): KubeConfig {
  const c = sim.clusters.find((x) => x.name === name);
  if (!c) throw new Error(`no cluster ${name}`);
  const kc = new KubeConfig();
  const plain = c.server.startsWith('http:');
  kc.loadFromOptions({
    clusters: [
      {
        name,
        server: c.server,
        skipTLSVerify: plain,
        ...(plain ? {} : { caData: Buffer.from(sim.caPem).toString('base64') }),
      },
    ],
    users: [{ name, token: who === 'admin' ? c.adminToken : c.token }],
    contexts: [{ name, cluster: name, user: name }],
    currentContext: name,
  });
  return kc;
}

export interface ExecOutcome {
  status: V1Status | 'timeout' | 'closed';
  stdout: string;
  stderr: string;
}

/** One exec through client-node, resolved on the channel-3 Status, on close, or on timeout. */
export async function execOnce(
  kc: KubeConfig,
  ns: string,
  pod: string,
  container: string,
  argv: string[],
  timeoutMs = 10_000,
): Promise<ExecOutcome> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (acc: Buffer[]) =>
    new Writable({
      write(chunk, _enc, cb) {
        acc.push(Buffer.from(chunk));
        cb();
      },
    });
  let socket: { terminate(): void } | undefined;
  const status = await new Promise<ExecOutcome['status']>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket?.terminate();
      resolve('timeout');
    }, timeoutMs);
    new Exec(kc)
      .exec(ns, pod, container, argv, sink(out), sink(err), null, false, (s) => {
        clearTimeout(timer);
        resolve(s);
      })
      .then((ws) => {
        socket = ws;
        ws.on('close', () => {
          setTimeout(() => {
            clearTimeout(timer);
            resolve('closed');
          }, 50);
        });
      })
      .catch((e: unknown) => {
        clearTimeout(timer);
        reject(new Error(String((e as { message?: string })?.message ?? e)));
      });
  });
  return { status, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

/** Exit code from a channel-3 Status (-1 for runtime failures without an ExitCode cause). */
export function exitCodeOf(s: ExecOutcome['status']): number {
  if (typeof s === 'string') return -2;
  if (s.status === 'Success') return 0;
  const c = s.details?.causes?.find((x) => x.reason === 'ExitCode');
  if (s.reason === 'NonZeroExitCode' && c?.message) return Number.parseInt(c.message, 10);
  return -1;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP(S) request to a simulated cluster (the admin token unless another or `token: null` is given). */
export function raw(
  sim: Simulator,
  name: string,
  path: string,
  opts: {
    method?: string;
    token?: string | null;
    headers?: Record<string, string>;
    body?: string;
    signal?: AbortSignal;
  } = {},
): Promise<RawResponse> {
  const c = sim.clusters.find((x) => x.name === name);
  if (!c) throw new Error(`no cluster ${name}`);
  const url = new URL(path, c.server);
  const token = opts.token === undefined ? c.adminToken : opts.token;
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
    ...opts.headers,
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: opts.method ?? 'GET',
        headers,
        ca: sim.caPem || undefined,
        agent: false,
        signal: opts.signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/** Polls `fn` until it returns a truthy value (or throws after `ms`). */
export async function eventually<T>(
  fn: () => Promise<T | undefined | false>,
  ms = 15_000,
  stepMs = 100,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
