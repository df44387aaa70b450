import { isStale } from '../analysis/stale.ts';
import type { FleetView } from '../analysis/types.ts';
import type { FleetRows, Staleable } from './read-ports.ts';

/** The row with its `stale` flag decided (checked within 2 × its interval, see core/analysis/stale.ts). */
export function withStale<T extends { stale: boolean }>(row: Staleable<T>, now: Date, intervalMs: number): T {
  row.item.stale = isStale(row.lastAt, now.getTime(), intervalMs, row.recentRunTimes);
  return row.item;
}

/**
 * Latest verdict per cluster; a stale cluster is flagged and counted only as stale (never as healthy).
 * @example fleetView(await store.fleetRows(), new Date(), 300_000).counts // { total: 3, pass: 2, ..., stale: 1 }
 */
export function fleetView(rows: FleetRows, now: Date, intervalMs: number): FleetView {
  const counts = { total: 0, pass: 0, warn: 0, fail: 0, error: 0, stale: 0 };
  const clusters = rows.clusters.map((row) => {
    const c = withStale(row, now, intervalMs);
    counts.total += 1;
    if (c.stale) counts.stale += 1;
    else counts[c.status] += 1;
    return c;
  });
  return { generatedAt: now.toISOString(), lastSweep: rows.lastSweep, counts, clusters };
}
