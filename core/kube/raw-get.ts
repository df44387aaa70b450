import http from 'node:http';
import https from 'node:https';
import { ApiException, type KubeConfig } from '@kubernetes/client-node';

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

/**
 * GET of a JSON document with the kubeconfig's TLS and credentials (client-node's public
 * `KubeConfig.applyToHTTPSOptions`), over `agent` when given (the cluster's keep-alive agent). The body is
 * parsed as plain JSON, without client-node's model deserialisation. A non-2xx answer throws client-node's
 * `ApiException` (code, body text, headers) so callers map and retry it like any client-node call.
 */
export async function getJson(
  kc: KubeConfig,
  agent: http.Agent | undefined,
  url: URL,
  signal: AbortSignal,
): Promise<unknown> {
  const opts: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  await kc.applyToHTTPSOptions(opts);
  if (agent) opts.agent = agent;
  opts.signal = signal;
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) {
          req.destroy(new Error(`answer larger than ${MAX_BODY_BYTES} bytes`));
          return;
        }
        chunks.push(c);
      });
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) {
          reject(new ApiException(status, `HTTP ${status}`, text.slice(0, 4096), headersOf(res)));
          return;
        }
        try {
          resolve(JSON.parse(text));
        } catch (err) {
          reject(new Error(`answer is not JSON: ${(err as Error).message}`));
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}
