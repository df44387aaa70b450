import type { ClusterTarget } from '../fleet/target.ts';
import { quickSweepSkips } from '../sweep/business-skips.ts';
import type { CheckClusterMessage } from '../sweep/queue-message.ts';
import type { ClusterReport, SweepReport } from '../sweep/report.ts';
import { runCluster } from '../sweep/run-cluster.ts';
import { clusterStatus } from '../sweep/status.ts';
import { finishIfComplete } from './finish.ts';
import type { ConnectQueued, SweepRecorder, SweepRunChecks } from './ports.ts';

export interface CheckOptions {
  store: SweepRecorder;
  connect: ConnectQueued;
  runChecks: SweepRunChecks;
  /** Called once per sweep, by the worker whose run completed it (e.g. the regressions webhook). */
  onFinished?: (report: SweepReport) => Promise<void>;
  /** The invocation's own cancellation (e.g. Lambda time running out). */
  signal?: AbortSignal;
  now?: () => Date;
}

export interface CheckResult {
  report: ClusterReport;
  /** The finished sweep when this run was the last one to land. */
  finished: SweepReport | null;
}

/**
 * The worker's job for one queue message: check the cluster under the message's deadline, save the run
 * (a redelivery replaces it) and finish the sweep, once, when it was the last cluster. An unreachable or
 * overrunning cluster is a stored `error` run, not an exception; only store failures throw.
 * @example const { report } = await checkCluster(message, { store, connect, runChecks: runClusterChecks })
 */
export async function checkCluster(message: CheckClusterMessage, opts: CheckOptions): Promise<CheckResult> {
  const now = opts.now ?? (() => new Date());
  const target: ClusterTarget = { ...message.target, connect: () => opts.connect(message.target) };
  const run = await runCluster(target, message.settings, {
    runChecks: opts.runChecks,
    deadlineMs: message.deadlineMs,
    signal: opts.signal,
    now: () => now().getTime(),
  });
  const { settings } = message;
  if (!settings.runBusiness && settings.layers.includes('business') && !run.error) {
    const every = message.target.overrides.businessEvery;
    run.results.push(...quickSweepSkips(run.results, typeof every === 'number' ? every : undefined));
  }
  const report: ClusterReport = { ...run, status: clusterStatus(run.results, run.error !== undefined) };
  const progress = await opts.store.saveClusterRun(message.sweepId, report);
  const finished = await finishIfComplete(opts.store, message.sweepId, progress, now(), settings.layers);
  if (finished) await opts.onFinished?.(finished);
  return { report, finished };
}
