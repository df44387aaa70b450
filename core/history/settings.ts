import { config } from '../config.ts';
import type { HistorySettings } from './history.ts';

/**
 * The history service's settings: the given ones, else FLEETCHECK_INTERVAL / FLEETCHECK_RETENTION_DAYS from the
 * parsed configuration. Entry points call it; the service and the store never read configuration.
 * @example createHistory(store, historySettings({ intervalMs: 60_000 }))
 */
export function historySettings(opts: Partial<HistorySettings> = {}): HistorySettings {
  const env = config();
  return {
    intervalMs: opts.intervalMs ?? env.FLEETCHECK_INTERVAL,
    retentionDays: opts.retentionDays ?? env.FLEETCHECK_RETENTION_DAYS,
  };
}
