import type { History, HistorySettings } from '../core/history/history.ts';
import { createHistory } from '../core/history/service.ts';
import { historySettings } from '../core/history/settings.ts';
import { type OpenStoreOptions, openStore } from '../db/store.ts';

export type HistoryOptions = OpenStoreOptions & Partial<HistorySettings>;

/**
 * Opens the history store (db) and the history service over it (core/history).
 * @example const history = await openHistory('./fleetcheck.db', { writable: true });
 */
export async function openHistory(url: string, opts: HistoryOptions = {}): Promise<History> {
  const { intervalMs, retentionDays, ...open } = opts;
  return createHistory(await openStore(url, open), historySettings({ intervalMs, retentionDays }));
}
