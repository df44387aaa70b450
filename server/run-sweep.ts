import { runClusterChecks } from '../core/checks/run.ts';
import { FleetcheckError } from '../core/errors.ts';
import type { ClusterTarget } from '../core/fleet/target.ts';
import { finishSweep, type SweepRuns } from '../core/history/finish.ts';
import type { History } from '../core/history/history.ts';
import { type SweepOptions, sweepClusters } from '../core/sweep/index.ts';
import type { ClusterReport, SweepReport } from '../core/sweep/report.ts';
import { storeReason } from '../db/open-checks.ts';
import type { RunSweep } from './sweeper.ts';

export interface StoredSweepOptions {
  store: History;
  /** The fleet, read at each sweep (so a reloaded fleet is picked up). */
  targets: () => ClusterTarget[] | Promise<ClusterTarget[]>;
  sweep?: Partial<Omit<SweepOptions, 'targets' | 'id' | 'signal' | 'onProgress' | 'sweepIndex'>>;
  log?: (line: string) => void;
  /** After the report is stored (core/notify/sweep-finished.ts: the regressions webhook). */
  onFinished?: (report: SweepReport) => Promise<void>;
}

/** core/history's finishSweep, a store that refuses the write reported as `store-unusable` (one line, no SQL). */
export async function finishStored(
  store: Pick<History, 'recordFinished'>,
  runs: SweepRuns,
): Promise<SweepReport> {
  try {
    return await finishSweep(store, runs);
  } catch (err) {
    throw new FleetcheckError(
      'store-unusable',
      `the sweep was not stored: ${storeReason(err)}`,
      {},
      { cause: err },
    );
  }
}

/** A cluster's progress as `fleetcheck serve` shows it: finished clusters that failed or errored. */
export interface ClusterProgress {
  done: number;
  total: number;
  cluster: { name: string; status: ClusterReport['status'] };
}

/** Logs `[done/total] name: status` for each cluster that finished failing or erroring. */
export function failingProgress(log?: (line: string) => void): (p: ClusterProgress) => void {
  return (p) => {
    if (p.cluster.status === 'fail' || p.cluster.status === 'error')
      log?.(`  [${p.done}/${p.total}] ${p.cluster.name}: ${p.cluster.status}`);
  };
}

/**
 * The service's sweep: run every cluster (core/sweep) and finish it into the store (core/history's finishSweep) (an aborted sweep is not stored).
 * Counts sweeps for `businessEvery`.
 * @example const sweeper = createSweeper({ run: storedSweep({ store, targets: () => fleet }) });
 */
export function storedSweep({ store, targets, sweep = {}, log, onFinished }: StoredSweepOptions): RunSweep {
  let sweepIndex = 0;
  return async ({ id, signal }) => {
    const fleet = await targets();
    const index = sweepIndex++;
    const runs = await sweepClusters({
      runChecks: runClusterChecks,
      ...sweep,
      targets: fleet,
      id,
      signal,
      sweepIndex: index,
      onProgress: failingProgress(log),
    });
    signal.throwIfAborted();
    const report = await finishStored(store, runs);
    await onFinished?.(report);
    return report;
  };
}
