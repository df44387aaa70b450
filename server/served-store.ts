import type { History } from '../core/history/history.ts';
import type { HistoryOptions } from './open-history.ts';
import { openHistory } from './open-history.ts';
import { withReadPool } from './read-pool/read-pool.ts';

/**
 * The store a long-running server uses: migrated, with its reads in a worker-thread pool (local SQLite files),
 * so requests never queue behind each other's queries on the event loop.
 * @example const store = cachedStore(await openServedStore('./fleetcheck.db', { intervalMs }));
 */
export async function openServedStore(url: string, opts: HistoryOptions = {}): Promise<History> {
  const store = await openHistory(url, opts);
  return withReadPool(store, url, opts.intervalMs !== undefined ? { intervalMs: opts.intervalMs } : {});
}
