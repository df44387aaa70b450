import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import { type CheckSettings, defaultCheckSettings } from '../checks/check.ts';
import type { ClusterTarget } from '../fleet/target.ts';
import { finishedReport, type SweepRuns } from '../history/finish.ts';
import { quickSweepSkips } from './business-skips.ts';
import type { ClusterReport, SweepReport } from './report.ts';
import { runCluster, type SweepRunChecks } from './run-cluster.ts';
import { effectiveSettings } from './settings.ts';
import { clusterStatus } from './status.ts';
import { newSweepId } from './sweep-id.ts';

/** Reported after each cluster finishes (status provisional: before cross-cluster checks). */
export interface SweepProgress {
  done: number;
  total: number;
  /** Clusters finished so far with status fail / error. */
  failing: number;
  erroring: number;
  cluster: ClusterReport;
}

export interface SweepOptions {
  targets: ClusterTarget[];
  runChecks: SweepRunChecks;
  /** Fleet-wide settings; each target's overrides are merged over them. */
  settings?: CheckSettings;
  clusterConcurrency?: number;
  clusterDeadlineMs?: number;
  /** Sweep counter kept by the scheduler, for `businessEvery` (quick vs thorough sweeps). */
  sweepIndex?: number;
  /** Fleet default of `businessEvery` (a target's override wins). */
  businessEvery?: number;
  onProgress?: (p: SweepProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
  id?: string;
}

/**
 * Sweeps the fleet without storing it: `sweepClusters`, then the finished report (cross-cluster checks, mesh
 * pairs, statuses) from core/history's `finishedReport`. Stored sweeps go through `finishSweep` instead.
 * @example const report = await runSweep({ targets, runChecks: runClusterChecks });
 */
export async function runSweep(opts: SweepOptions): Promise<SweepReport> {
  return finishedReport(await sweepClusters(opts));
}

/**
 * Runs every cluster of the fleet concurrently (p-limit, default 32) under its own deadline (default 90 s); a
 * cluster's failure never stops the sweep. When `signal` aborts (Ctrl-C), clusters not finished by then are left
 * out: an interruption is not a result. Returns the runs, ready for core/history's `finishSweep`.
 * @example const runs = await sweepClusters({ targets, runChecks: runClusterChecks });
 */
export async function sweepClusters(opts: SweepOptions): Promise<SweepRuns> {
  const now = opts.now ?? Date.now;
  const startedAt = new Date(now());
  const base = opts.settings ?? defaultCheckSettings;
  const limit = pLimit(Math.max(1, opts.clusterConcurrency ?? 32));
  const total = opts.targets.length;
  const sweepAbort = new AbortController();
  // One listener per running cluster.
  setMaxListeners(0, sweepAbort.signal);
  const onAbort = () => sweepAbort.abort(opts.signal?.reason);
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let done = 0;
  let failing = 0;
  let erroring = 0;
  const settled = await Promise.all(
    opts.targets.map((target) =>
      limit(async (): Promise<ClusterReport | undefined> => {
        if (sweepAbort.signal.aborted) return undefined;
        const settings = effectiveSettings(base, target.overrides, opts);
        const report = await runCluster(target, settings, {
          runChecks: opts.runChecks,
          deadlineMs: opts.clusterDeadlineMs ?? 90_000,
          signal: sweepAbort.signal,
          now,
        });
        if (sweepAbort.signal.aborted && report.error) return undefined;
        if (!settings.runBusiness && settings.layers.includes('business') && !report.error) {
          const every = target.overrides.businessEvery ?? opts.businessEvery;
          report.results.push(...quickSweepSkips(report.results, every));
        }
        report.status = clusterStatus(report.results, report.error !== undefined);
        done += 1;
        if (report.status === 'fail') failing += 1;
        if (report.status === 'error') erroring += 1;
        opts.onProgress?.({ done, total, failing, erroring, cluster: report });
        return report;
      }),
    ),
  );
  opts.signal?.removeEventListener('abort', onAbort);
  const reports = settled.filter((r): r is ClusterReport => r !== undefined);
  return {
    id: opts.id ?? newSweepId(startedAt),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date(now()).toISOString(),
    clusters: reports,
    layers: base.layers,
    expectedPeers: Object.fromEntries(opts.targets.map((t) => [t.name, t.expectedPeers])),
  };
}
