import type { Layer } from '../outcome.ts';
import { assembleSweepReport } from '../sweep/assemble.ts';
import type { SweepReport } from '../sweep/report.ts';
import type { SweepRecorder } from './ports.ts';
import { SWEEP_LEASE } from './timing.ts';

/** A finish claim older than this is taken over (its holder's Lambda died mid-finish). */
const CLAIM_STALE_MS = 5 * 60_000;

/**
 * Finishes the sweep when the run just saved was the last planned one: O(1) per cluster (the store's
 * `landed` counter, no re-read), and once (a conditional claim; concurrent or redelivered last runs get null).
 * The finisher reads the sweep once, appends the cross-cluster outcomes (mesh identity, version skew) to the
 * runs they change, and lets the store compute the sweep status and mesh pairs.
 * @example await finishIfComplete(store, 'sw_20261125T120500Z_ab12', await store.saveClusterRun(id, run), new Date())
 */
export async function finishIfComplete(
  store: SweepRecorder,
  sweepId: string,
  progress: { landed: number; planned: number },
  now: Date,
  layers?: readonly Layer[],
): Promise<SweepReport | null> {
  if (progress.landed < progress.planned) return null;
  if (!(await store.claimFinish(sweepId, now))) return null;
  const current = await store.sweep(sweepId);
  return current ? finishWith(store, current, now, layers) : null;
}

/**
 * Closes open sweeps started more than `maxAgeMs` ago: their missing clusters (messages dropped as expired
 * or dead-lettered) will never land, so the sweep is finished with what arrived and the store counts the rest
 * as `error`. Returns the ids closed.
 */
export async function closeAbandonedSweeps(
  store: SweepRecorder,
  now: Date,
  maxAgeMs: number,
): Promise<SweepReport[]> {
  const { items } = await store.sweeps({ limit: 50 });
  const closed: SweepReport[] = [];
  for (const s of items) {
    if (s.finishedAt !== undefined || now.getTime() - Date.parse(s.startedAt) < maxAgeMs) continue;
    if (!(await store.claimFinish(s.id, now, new Date(now.getTime() - CLAIM_STALE_MS)))) continue;
    const current = await store.sweep(s.id);
    if (current) closed.push(await finishWith(store, current, now));
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
  const finished = await store.finishSweep(sweepId, finishedAt);
  await store.releaseLease(SWEEP_LEASE, sweepId);
  return finished;
}
