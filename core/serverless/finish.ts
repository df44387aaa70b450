import type { Layer } from '../outcome.ts';
import { assembleSweepReport } from '../sweep/assemble.ts';
import type { SweepReport } from '../sweep/report.ts';
import type { SweepRecorder } from './ports.ts';

/**
 * Finishes the sweep once every planned cluster has a saved run (the worker that lands the last one, or the
 * planner when dispatch failures complete it): appends the cross-cluster outcomes (mesh identity, version
 * skew) to the runs they change, then lets the store compute the sweep status and mesh pairs.
 * Safe to run twice or concurrently: assembly is idempotent and runs are replaced, never duplicated.
 * @example await finishIfComplete(store, 'sw_20261125T120500Z_ab12', 12, new Date()) // null while runs are missing
 */
export async function finishIfComplete(
  store: SweepRecorder,
  sweepId: string,
  total: number,
  now: Date,
  layers?: readonly Layer[],
): Promise<SweepReport | null> {
  const current = await store.sweep(sweepId);
  if (!current || current.clusters.length < total) return null;
  return finishWith(store, current, now, layers);
}

/**
 * Closes open sweeps started more than `maxAgeMs` ago: their missing clusters (messages dead-lettered)
 * will never land, so the sweep is finished with what arrived and the store counts the rest as `error`.
 * Returns the ids closed.
 */
export async function closeAbandonedSweeps(
  store: SweepRecorder,
  now: Date,
  maxAgeMs: number,
): Promise<string[]> {
  const { items } = await store.sweeps({ limit: 50 });
  const closed: string[] = [];
  for (const s of items) {
    if (s.finishedAt !== undefined || now.getTime() - Date.parse(s.startedAt) < maxAgeMs) continue;
    const current = await store.sweep(s.id);
    if (!current) continue;
    await finishWith(store, current, now);
    closed.push(s.id);
  }
  return closed;
}

async function finishWith(
  store: SweepRecorder,
  current: SweepReport,
  now: Date,
  layers?: readonly Layer[],
): Promise<SweepReport> {
  const sweepId = current.sweep.id;
  const finishedAt = now.toISOString();
  const assembled = assembleSweepReport({
    id: sweepId,
    startedAt: current.sweep.startedAt,
    finishedAt,
    clusters: current.clusters,
    ...(layers ? { layers } : {}),
  });
  const before = new Map(current.clusters.map((c) => [c.name, c]));
  for (const cluster of assembled.clusters) {
    const old = before.get(cluster.name);
    const changed =
      !old ||
      old.status !== cluster.status ||
      JSON.stringify(old.results) !== JSON.stringify(cluster.results);
    if (changed) await store.saveClusterRun(sweepId, cluster);
  }
  return store.finishSweep(sweepId, finishedAt);
}
