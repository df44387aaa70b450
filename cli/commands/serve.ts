import { config } from '../../core/config.ts';
import { FleetcheckError } from '../../core/errors.ts';
import { sweepFinished } from '../../core/notify/sweep-finished.ts';
import { counted } from '../../core/text/plural.ts';
import { formatDuration, parseSweepInterval } from '../../core/time/duration.ts';
import { cachedStore } from '../../server/cached-store.ts';
import { openServedStore } from '../../server/served-store.ts';
import { startService, stopOnSignals } from '../../server/service.ts';
import { startSweepThread, threadedSweep } from '../../server/sweep-thread/sweep-thread.ts';
import { limitHeapGrowth } from '../heap-growth.ts';

interface ServeFlags {
  fleet?: string;
  kubeconfig?: string;
  context: string[];
  db?: string;
  port?: string;
  host?: string;
  interval?: string;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new FleetcheckError('invalid-input', `--port: not a port: ${value}`);
  return n;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** `fleetcheck serve`: API + dashboard + scheduled sweeps of the real fleet. */
export async function serveAction(flags: ServeFlags): Promise<void> {
  limitHeapGrowth();
  const env = config();
  const intervalMs =
    flags.interval === undefined ? env.FLEETCHECK_INTERVAL : parseSweepInterval(flags.interval, '--interval');
  const fleetFile = flags.fleet ?? env.FLEETCHECK_FLEET;
  const data = {
    fleet: {
      ...(fleetFile ? { fleetFile } : {}),
      ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
      ...(flags.context.length > 0 ? { contexts: flags.context } : {}),
    },
    db: { url: flags.db ?? env.FLEETCHECK_DB, intervalMs },
  };
  const loaded = await startSweepThread(data, log);
  await loaded.close();
  if (loaded.clusters === 0)
    throw new FleetcheckError('invalid-input', 'the fleet is empty: no cluster to sweep');
  const store = cachedStore(
    await openServedStore(data.db.url, {
      intervalMs,
      writable: true,
      ...(env.FLEETCHECK_DB_AUTH_TOKEN ? { authToken: env.FLEETCHECK_DB_AUTH_TOKEN } : {}),
    }),
  );
  const svc = await startService({
    store,
    run: threadedSweep({
      data,
      log,
      onStored: () => store.forget(),
      onFinished: sweepFinished(store, {
        ...(env.FLEETCHECK_WEBHOOK_URL ? { webhookUrl: env.FLEETCHECK_WEBHOOK_URL } : {}),
        log,
      }),
    }),
    host: flags.host ?? env.FLEETCHECK_HOST,
    port: flags.port !== undefined ? port(flags.port) : env.FLEETCHECK_PORT,
    intervalMs,
    apiToken: env.FLEETCHECK_API_TOKEN,
    log,
  }).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  log(
    `fleetcheck serving ${counted(loaded.clusters, 'cluster')} at ${svc.url}/ (sweep every ${formatDuration(intervalMs)})`,
  );
  stopOnSignals(svc.stop, log);
}
