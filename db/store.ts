import type { HistoryStore } from '../core/history/history.ts';
import type { OpenStoreOptions } from './db.ts';

export type { OpenStoreOptions };

/**
 * Opens the history store for a path / `file:` URL (better-sqlite3) or a `libsql:` / `http(s):` / `ws(s):` URL
 * (libSQL): rows in and out; core/history's `createHistory` analyses them.
 * @example const history = createHistory(await openStore('./fleetcheck.db'), settings);
 */
export async function openStore(url: string, opts: OpenStoreOptions = {}): Promise<HistoryStore> {
  const { openDb } = await import('./open-db.ts');
  const { createStore } = await import('./store-impl.ts');
  return createStore(await openDb(url, opts));
}
