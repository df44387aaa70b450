import { runClusterChecks } from '../../core/checks/run.ts';
import type { ClusterTarget } from '../../core/fleet/target.ts';
import { finishSweep } from '../../core/history/finish.ts';
import type { History } from '../../core/history/history.ts';
import { businessDue, newSweepId, runSweep } from '../../core/sweep/index.ts';
import type { ClusterReport } from '../../core/sweep/report.ts';
import type { ResolvedCluster } from '../../sim/scenario/schema.ts';
import type { shiftedClock } from './shifted-clock.ts';
import type { DemoSim } from './sim-thread.ts';
import { BACKFILL_STEPS, demoFaults } from './timeline.ts';

const HOUR = 3_600_000;

export interface BackfillOptions {
  store: History;
  /** The simulator: its faults and its clock follow the backfill hour by hour. */
  sim: Pick<DemoSim, 'setFaults' | 'setClock'>;
  clusters: ResolvedCluster[];
  targets: ClusterTarget[];
  clock: ReturnType<typeof shiftedClock>;
  signal: AbortSignal;
  /** Simulated time of the first step (default: `steps` hours ago); start the simulator at this time. */
  start?: number;
  /** Hourly steps (default 168 = seven days). */
  steps?: number;
  /** Every Nth backfill sweep runs the business Job (default 1: every sweep). */
  businessEvery?: number;
  onStep?: (step: number, total: number) => void;
}

/**
 * Seven days of hourly sweeps on the shifted clock, faults toggled per the demo timeline, each stored.
 * A cluster is really swept (against the simulator, at that simulated time) the first time it is in a given
 * fault state; later hours in the same state replay that cluster's result, so the backfill takes seconds.
 * Cross-cluster checks and mesh pairs are assembled afresh for every hour. Returns the sweeps stored.
 */
export async function backfill(opts: BackfillOptions): Promise<number> {
  const total = opts.steps ?? BACKFILL_STEPS;
  const every = opts.businessEvery ?? 1;
  const start = opts.start ?? Date.now() - total * HOUR;
  const cache = new Map<string, ClusterReport>();
  let stored = 0;
  try {
    for (let step = 0; step < total && !opts.signal.aborted; step++) {
      const at = start + step * HOUR;
      opts.clock.set(at);
      await opts.sim.setClock(at);
      const faults = demoFaults(opts.clusters, step, { scenarioWindows: false });
      const keys = new Map(
        opts.targets.map((t) => [
          t.name,
          `${t.name}|${businessDue(step, every)}|${JSON.stringify(faults.get(t.name) ?? [])}`,
        ]),
      );
      const missing = opts.targets.filter((t) => !cache.has(keys.get(t.name) ?? ''));
      if (missing.length > 0) {
        for (const t of missing) await opts.sim.setFaults(t.name, faults.get(t.name) ?? []);
        const fresh = await runSweep({
          targets: missing,
          runChecks: runClusterChecks,
          sweepIndex: step,
          businessEvery: every,
          clusterDeadlineMs: 30_000,
          signal: opts.signal,
          now: opts.clock.now,
        });
        for (const c of fresh.clusters) cache.set(keys.get(c.name) ?? '', c);
      }
      if (opts.signal.aborted) break;
      const clusters = opts.targets.map((t) =>
        structuredClone(cache.get(keys.get(t.name) ?? '') as ClusterReport),
      );
      const took = Math.max(0, ...clusters.map((c) => c.durationMs));
      await finishSweep(opts.store, {
        id: newSweepId(new Date(at)),
        startedAt: new Date(at).toISOString(),
        finishedAt: new Date(at + took).toISOString(),
        clusters,
      });
      stored++;
      opts.onStep?.(step + 1, total);
    }
  } finally {
    opts.clock.reset();
    await opts.sim.setClock(null);
  }
  return stored;
}
