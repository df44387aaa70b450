import type { SweepReport } from '../sweep/report.ts';
import type { SweepRecorder } from './ports.ts';

/**
 * Finishes the sweep once every planned cluster has a saved run (the worker that lands the last one, or the
 * planner when dispatch failures complete it). Safe to call twice: finishing recomputes the same verdict.
 * @example await finishIfComplete(store, 'sw_20261125T120500Z_ab12', 12, new Date()) // null while runs are missing
 */
export async function finishIfComplete(
  store: SweepRecorder,
  sweepId: string,
  total: number,
  now: Date,
): Promise<SweepReport | null> {
  const current = await store.sweep(sweepId);
  if (!current || current.clusters.length < total) return null;
  return store.finishSweep(sweepId, now.toISOString());
}
