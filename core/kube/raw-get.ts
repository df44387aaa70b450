import http from 'node:http';
import https from 'node:https';
import type { ClusterAgents } from './keep-alive-agent.ts';
import type { KubeAccess } from './kube-access.ts';
import { HttpStatusError } from './kube-errors.ts';

/** Largest answer body read from one GET (a page of a list stays far below it). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

function headersOf(res: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = String(v);
  return out;
}

/** `server` + `path`, keeping a path prefix of the server URL (e.g. an authenticating proxy's). */
export function apiUrl(server: string, path: string, query?: Record<string, string | undefined>): URL {
  const url = new URL(server);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== '') url.searchParams.set(k, v);
  return url;
}

/** Method and body of a request; GET without a body by default. */
export interface RawRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
}

/** `opts` with the cluster's credentials, sent over the cluster's keep-alive agent (TLS included) when there is one. */
export async function authorisedOptions(
  access: KubeAccess,
  agents: ClusterAgents | undefined,
  url: URL,
  opts: https.RequestOptions = {},
): Promise<https.RequestOptions> {
  const client = await access.apply(url, opts);
  const agent = agents?.for(client);
  if (agent) opts.agent = agent;
  else {
    access.applyTls(opts, client);
    if (url.protocol === 'http:') delete opts.agent;
  }
  return opts;
}

/**
 * One API request with the cluster's TLS and credentials, over `agent` when given (the cluster's keep-alive
 * agent); resolves the body text. A non-2xx answer throws `HttpStatusError` (code, body text, headers), which
 * callers map and retry.
 */
export async function requestText(
  access: KubeAccess,
  agents: ClusterAgents | undefined,
  url: URL,
  signal: AbortSignal,
  req: RawRequest = {},
): Promise<string> {
  const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
  const opts = await authorisedOptions(access, agents, url, {
    method: req.method ?? 'GET',
    headers: {
      Accept: 'application/json, */*',
      ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': String(payload.length) } : {}),
    },
  });
  opts.signal = signal;
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) {
          request.destroy(new Error(`answer larger than ${MAX_BODY_BYTES} bytes`));
          return;
        }
        chunks.push(c);
      });
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299)
          reject(new HttpStatusError(status, text.slice(0, 4096), headersOf(res)));
        else resolve(text);
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}

/** {@link requestText} parsed as plain JSON. */
export async function requestJson(
  access: KubeAccess,
  agents: ClusterAgents | undefined,
  url: URL,
  signal: AbortSignal,
  req: RawRequest = {},
): Promise<unknown> {
  const text = await requestText(access, agents, url, signal, req);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`answer is not JSON: ${(err as Error).message}`);
  }
}
