import { type CheckSettings, defaultCheckSettings } from '../checks/check.ts';
import type { ClusterTarget } from '../fleet/target.ts';
import { type CheckClusterMessage, toQueuedTarget } from '../sweep/queue-message.ts';
import type { ClusterReport, SweepReport } from '../sweep/report.ts';
import { effectiveSettings } from '../sweep/settings.ts';
import { newSweepId } from '../sweep/sweep-id.ts';
import { closeAbandonedSweeps, finishIfComplete } from './finish.ts';
import type { LoadTargets, SweepRecorder } from './ports.ts';
import { CLUSTER_DEADLINE_MS, SWEEP_ABANDON_MS, SWEEP_DEADLINE_MS } from './timing.ts';

/** Sends the per-cluster messages; returns the clusters whose message could not be queued. */
export type SendMessages = (
  messages: CheckClusterMessage[],
) => Promise<{ failed: { key: string; code: string; message: string }[] }>;

export interface PlanOptions {
  loadTargets: LoadTargets;
  store: SweepRecorder;
  send: SendMessages;
  settings?: CheckSettings;
  /** Run the business Job every Nth sweep fleet-wide (a cluster's `businessEvery` override wins). */
  businessEvery?: number;
  /** The schedule's period; sweep k = floor(now / interval) decides quick vs thorough (default 5 min). */
  intervalMs?: number;
  /** Per-cluster check deadline carried in each message (default 90 s). */
  deadlineMs?: number;
  trigger?: string;
  /** How long after planning a message may still be checked (default 30 min); later ones are dropped. */
  sweepDeadlineMs?: number;
  /**
   * Open sweeps older than this are closed before planning (their late messages are dropped, lost ones never
   * land). Default: the sweep deadline plus a worker's timeout.
   */
  abandonAfterMs?: number;
  /** Called for each sweep this planning finished (empty fleet, all dispatches failed, abandoned ones). */
  onFinished?: (report: SweepReport) => Promise<void>;
  /** Use this id (chosen up front, e.g. by the API's 202) instead of a new one. */
  sweepId?: string;
  now?: () => Date;
}

export interface PlanResult {
  sweepId: string;
  clusters: string[];
  queued: number;
  /** Clusters whose message SQS would not take; each is stored as an `error` run. */
  failed: { cluster: string; code: string; message: string }[];
  /** Set when the sweep was already complete at plan time (empty fleet, or every dispatch failed). */
  finished: boolean;
  /** Earlier sweeps closed because some of their clusters never reported. */
  closedAbandoned: string[];
  /** Set when a sweep of the same id was already planned (a retried schedule): nothing was queued again. */
  duplicate?: boolean;
}

/**
 * Plans one serverless sweep: loads the fleet, records the sweep, queues one message per cluster, and records
 * an `error` run for every cluster that could not be queued (so the sweep still completes).
 * @example const r = await planQueuedSweep({ loadTargets, store, send: sqsSender(sqs, url) }); r.queued // 12
 */
export async function planQueuedSweep(opts: PlanOptions): Promise<PlanResult> {
  const now = opts.now ?? (() => new Date());
  const started = now();
  const abandoned = await closeAbandonedSweeps(
    opts.store,
    started,
    opts.abandonAfterMs ?? (opts.sweepDeadlineMs ?? SWEEP_DEADLINE_MS) + SWEEP_ABANDON_MS,
  );
  for (const report of abandoned) await opts.onFinished?.(report);
  const closedAbandoned = abandoned.map((r) => r.sweep.id);
  const sweepId = opts.sweepId ?? newSweepId(started);
  if (opts.sweepId && (await opts.store.sweep(opts.sweepId)))
    return {
      sweepId,
      clusters: [],
      queued: 0,
      failed: [],
      finished: false,
      closedAbandoned,
      duplicate: true,
    };
  const targets = await opts.loadTargets();
  const clusters = targets.map((t) => t.name);
  await opts.store.createSweep({
    id: sweepId,
    startedAt: started.toISOString(),
    clusters,
    trigger: opts.trigger ?? 'schedule',
  });
  const messages = targets.map((t) => messageFor(t, sweepId, targets.length, started, opts));
  const { failed } = messages.length > 0 ? await opts.send(messages) : { failed: [] };
  const byName = new Map(targets.map((t) => [t.name, t]));
  let progress = { landed: 0, planned: targets.length };
  for (const f of failed) {
    const target = byName.get(f.key);
    if (target) progress = await opts.store.saveClusterRun(sweepId, dispatchFailure(target, f));
  }
  const finishedReport =
    messages.length === 0 || failed.length > 0
      ? await finishIfComplete(opts.store, sweepId, progress, now())
      : null;
  if (finishedReport) await opts.onFinished?.(finishedReport);
  return {
    sweepId,
    clusters,
    queued: messages.length - failed.length,
    failed: failed.map((f) => ({ cluster: f.key, code: f.code, message: f.message })),
    finished: finishedReport !== null,
    closedAbandoned,
  };
}

function messageFor(
  target: ClusterTarget,
  sweepId: string,
  total: number,
  at: Date,
  opts: PlanOptions,
): CheckClusterMessage {
  const sweepIndex = Math.floor(at.getTime() / (opts.intervalMs ?? 300_000));
  const settings = effectiveSettings(opts.settings ?? defaultCheckSettings, target.overrides, {
    sweepIndex,
    businessEvery: opts.businessEvery,
  });
  return {
    v: 1,
    sweepId,
    cluster: target.name,
    target: toQueuedTarget(target),
    settings,
    total,
    deadlineMs: opts.deadlineMs ?? CLUSTER_DEADLINE_MS,
    expiresAt: new Date(at.getTime() + (opts.sweepDeadlineMs ?? SWEEP_DEADLINE_MS)).toISOString(),
    attempt: 1,
  };
}

function dispatchFailure(target: ClusterTarget, f: { code: string; message: string }): ClusterReport {
  const report: ClusterReport = {
    name: target.name,
    status: 'error',
    durationMs: 0,
    provider: target.provider,
    labels: { ...target.labels },
    error: { code: 'internal', message: `could not queue the check (${f.code}): ${f.message}` },
    results: [],
  };
  if (target.region !== undefined) report.region = target.region;
  if (target.account !== undefined) report.account = target.account;
  return report;
}
