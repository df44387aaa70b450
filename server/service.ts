import type { History } from '../core/history/history.ts';
import { counted } from '../core/text/plural.ts';
import { redactSecrets } from '../core/text/redact.ts';
import { createApp } from './app.ts';
import type { BackfillProgress } from './deps.ts';
import { listen, type RunningServer } from './node-server.ts';
import { startScheduler } from './scheduler.ts';
import { createSweeper, type RunSweep, type Sweeper } from './sweeper.ts';

export interface ServiceOptions {
  store: History;
  run: RunSweep;
  host?: string | undefined;
  port: number;
  intervalMs: number;
  apiToken?: string | undefined;
  simulated?: boolean;
  /** Progress of a history backfill while one runs (the demo's). */
  backfill?: () => BackfillProgress | undefined;
  /** Start the scheduler at once (default true); the demo starts it after its backfill. */
  schedule?: boolean;
  log?: (line: string) => void;
}

export interface Service {
  url: string;
  server: RunningServer;
  sweeper: Sweeper;
  startSchedule(): void;
  /** Stops the schedule, aborts a running sweep, closes the server and the store. Idempotent. */
  stop(): Promise<void>;
}

const stderr = (line: string) => process.stderr.write(`${line}\n`);

/** Where to listen: the given host, else 0.0.0.0 with a token and 127.0.0.1 without one. */
export function bindHost(host: string | undefined, apiToken: string | undefined): string {
  return host ?? (apiToken ? '0.0.0.0' : '127.0.0.1');
}

/**
 * Runs API + dashboard + scheduler in this process.
 * @example const svc = await startService({ store, run, port: 8080, intervalMs: 300_000 }); await svc.stop();
 */
export async function startService(opts: ServiceOptions): Promise<Service> {
  const log = opts.log ?? stderr;
  const sweeper = createSweeper({
    run: opts.run,
    onDone: ({ id, report, error }) => {
      if (report) {
        const c = report.clusters;
        const n = (s: string) => c.filter((x) => x.status === s).length;
        log(
          `sweep ${id}: ${report.sweep.status} (${counted(c.length, 'cluster')}: ${n('pass')} pass, ${n('warn')} warn, ${n('fail')} fail, ${n('error')} error)`,
        );
      } else
        log(
          `sweep ${id} did not finish: ${redactSecrets(error instanceof Error ? error.message : String(error))}`,
        );
    },
  });
  const app = createApp({
    store: opts.store,
    sweeper,
    apiToken: opts.apiToken,
    simulated: opts.simulated ?? false,
    ...(opts.backfill ? { backfill: opts.backfill } : {}),
  });
  const host = bindHost(opts.host, opts.apiToken);
  const server = await listen(app, { host, port: opts.port });
  if (!opts.apiToken && opts.host === undefined) {
    log('no FLEETCHECK_API_TOKEN set: listening on 127.0.0.1 only (set a token to serve other hosts)');
  } else if (!opts.apiToken) {
    log(`WARNING: no FLEETCHECK_API_TOKEN set: the API on ${host} is open to anyone who can reach it`);
  }
  let stopSchedule: (() => void) | undefined;
  const startSchedule = () => {
    stopSchedule ??= startScheduler({ sweeper, store: opts.store, intervalMs: opts.intervalMs, log });
  };
  if (opts.schedule !== false) startSchedule();
  let stopping: Promise<void> | undefined;
  return {
    url: server.url,
    server,
    sweeper,
    startSchedule,
    stop() {
      stopping ??= (async () => {
        stopSchedule?.();
        await sweeper.stop();
        await server.close();
        await opts.store.close();
      })();
      return stopping;
    },
  };
}

/** Calls `stop` once on SIGINT/SIGTERM, then exits; a second signal exits at once. */
export function stopOnSignals(stop: () => Promise<void>, log: (line: string) => void = stderr): void {
  let signalled = false;
  const handler = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(130);
    signalled = true;
    log(`${signal}: shutting down (aborting the running sweep, closing server and store)`);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
