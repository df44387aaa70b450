import { withReadPool } from '../db/read-pool.ts';
import { type OpenStoreOptions, openStore, type Store } from '../db/store.ts';

/**
 * The store a long-running server uses: migrated, with its reads in a worker-thread pool (local SQLite files),
 * so requests never queue behind each other's queries on the event loop.
 * @example const store = cachedStore(await openServedStore('./fleetcheck.db', { intervalMs }));
 */
export async function openServedStore(url: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const store = await openStore(url, opts);
  return withReadPool(store, url, opts.intervalMs !== undefined ? { intervalMs: opts.intervalMs } : {});
}
