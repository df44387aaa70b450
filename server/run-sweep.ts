import { runClusterChecks } from '../core/checks/run.ts';
import { FleetcheckError } from '../core/errors.ts';
import type { ClusterTarget } from '../core/fleet/target.ts';
import { finishSweep } from '../core/history/finish.ts';
import type { History } from '../core/history/history.ts';
import { type SweepOptions, sweepClusters } from '../core/sweep/index.ts';
import type { SweepReport } from '../core/sweep/report.ts';
import { storeReason } from '../db/open-checks.ts';
import type { ClusterRunner } from './sweep-thread/sweep-thread.ts';
import type { RunSweep } from './sweeper.ts';

interface StoredSweepCommon {
  store: History;
  log?: (line: string) => void;
  /** After the report is stored (core/notify/sweep-finished.ts: the regressions webhook). */
  onFinished?: (report: SweepReport) => Promise<void>;
}

export type StoredSweepOptions = StoredSweepCommon &
  (
    | {
        /** The fleet, read at each sweep (so a reloaded fleet is picked up); its clusters run in this thread. */
        targets: () => ClusterTarget[] | Promise<ClusterTarget[]>;
        sweep?: Partial<Omit<SweepOptions, 'targets' | 'id' | 'signal' | 'onProgress' | 'sweepIndex'>>;
      }
    | {
        /** Where the clusters run instead (serve: its sweep thread, server/sweep-thread/). */
        runClusters: ClusterRunner;
      }
  );

function inProcessRuns(
  targets: () => ClusterTarget[] | Promise<ClusterTarget[]>,
  sweep: Partial<SweepOptions> = {},
): ClusterRunner {
  return async ({ id, signal, sweepIndex, onProgress }) =>
    sweepClusters({
      runChecks: runClusterChecks,
      ...sweep,
      targets: await targets(),
      id,
      signal,
      sweepIndex,
      ...(onProgress ? { onProgress } : {}),
    });
}

/**
 * The service's sweep: run every cluster (core/sweep, here or in the given runner) and finish it into the store
 * (core/history's finishSweep) (an aborted sweep is not stored). Counts sweeps for `businessEvery`.
 * @example const sweeper = createSweeper({ run: storedSweep({ store, targets: () => fleet }) });
 */
export function storedSweep(opts: StoredSweepOptions): RunSweep {
  const { store, log, onFinished } = opts;
  const runClusters = 'runClusters' in opts ? opts.runClusters : inProcessRuns(opts.targets, opts.sweep);
  let sweepIndex = 0;
  return async ({ id, signal }) => {
    const runs = await runClusters({
      id,
      signal,
      sweepIndex: sweepIndex++,
      onProgress: (p) => {
        if (p.cluster.status === 'fail' || p.cluster.status === 'error') {
          log?.(`  [${p.done}/${p.total}] ${p.cluster.name}: ${p.cluster.status}`);
        }
      },
    });
    signal.throwIfAborted();
    let report: SweepReport;
    try {
      report = await finishSweep(store, runs);
    } catch (err) {
      throw new FleetcheckError(
        'store-unusable',
        `the sweep was not stored: ${storeReason(err)}`,
        {},
        { cause: err },
      );
    }
    await onFinished?.(report);
    return report;
  };
}
