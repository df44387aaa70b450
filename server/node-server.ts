import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { FleetcheckError } from '../core/errors.ts';

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

/**
 * Serves a Hono app over HTTP; a taken port is a clear `conflict` error, not a stack trace.
 * @example const s = await listen(app, { host: '127.0.0.1', port: 8080 }); await s.close();
 */
export function listen(
  app: { fetch: (req: Request) => Response | Promise<Response> },
  opts: { host: string; port: number },
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port });
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new FleetcheckError(
            'conflict',
            `port ${opts.port} on ${opts.host} is already in use; pick another with --port or FLEETCHECK_PORT`,
            { port: opts.port },
          ),
        );
      } else reject(err);
    });
    server.once('listening', () => {
      const addr = server.address() as AddressInfo;
      const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      const urlHost = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : shownHost;
      resolve({
        url: `http://${urlHost}:${addr.port}`,
        port: addr.port,
        host: opts.host,
        close: () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Fails fast with the same clear `conflict` error when the port is already taken (checked before slow start-up). */
export async function assertPortFree(opts: { host: string; port: number }): Promise<void> {
  if (opts.port === 0) return;
  const probe = await listen({ fetch: () => new Response(null, { status: 503 }) }, opts);
  await probe.close();
}
