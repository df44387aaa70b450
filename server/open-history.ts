import { config } from '../core/config.ts';
import type { History, HistorySettings } from '../core/history/history.ts';
import { createHistory } from '../core/history/service.ts';
import { historySettings } from '../core/history/settings.ts';
import { type OpenStoreOptions, openStore } from '../db/store.ts';

export type HistoryOptions = OpenStoreOptions & Partial<HistorySettings>;

/**
 * Opens the history store (db) and the history service over it (core/history); a libSQL token defaults to
 * FLEETCHECK_DB_AUTH_TOKEN.
 * @example const history = await openHistory('./fleetcheck.db', { writable: true });
 */
export async function openHistory(url: string, opts: HistoryOptions = {}): Promise<History> {
  const { intervalMs, retentionDays, ...open } = opts;
  const authToken = open.authToken ?? config().FLEETCHECK_DB_AUTH_TOKEN;
  const store = await openStore(url, { ...open, ...(authToken ? { authToken } : {}) });
  return createHistory(store, historySettings({ intervalMs, retentionDays }));
}
