import { finishStoredSweep } from '../history/finish.ts';
import type { Layer } from '../outcome.ts';
import type { SweepReport } from '../sweep/report.ts';
import type { SweepRecorder } from './ports.ts';
import { SWEEP_LEASE } from './timing.ts';

/** A finish claim older than this is taken over (its holder's Lambda died mid-finish). */
const CLAIM_STALE_MS = 5 * 60_000;

/**
 * Finishes the sweep when the run just saved was the last planned one: O(1) per cluster (the store's
 * `landed` counter, no re-read), and once (a conditional claim; concurrent or redelivered last runs get null).
 * The finisher reads the sweep's runs once and finishes it through core/history's `finishSweep` (the same path
 * as local sweeps): cross-cluster outcomes, mesh pairs and statuses computed once, stored in one write.
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
  return finishWith(store, sweepId, now, layers);
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
    const finished = await finishWith(store, s.id, now);
    if (finished) closed.push(finished);
  }
  return closed;
}

async function finishWith(
  store: SweepRecorder,
  sweepId: string,
  now: Date,
  layers?: readonly Layer[],
): Promise<SweepReport | null> {
  const finished = await finishStoredSweep(store, sweepId, now, layers);
  if (finished) await store.releaseLease(SWEEP_LEASE, sweepId);
  return finished;
}
