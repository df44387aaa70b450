import { type CheckSettings, defaultCheckSettings } from '../checks/check.ts';
import type { ClusterTarget } from '../fleet/target.ts';
import { type CheckClusterMessage, toQueuedTarget } from '../sweep/queue-message.ts';
import type { ClusterReport } from '../sweep/report.ts';
import { effectiveSettings } from '../sweep/settings.ts';
import { newSweepId } from '../sweep/sweep-id.ts';
import { closeAbandonedSweeps, finishIfComplete } from './finish.ts';
import type { LoadTargets, SweepRecorder } from './ports.ts';

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
  /**
   * Open sweeps older than this are closed before planning (their lost messages will never land).
   * Default 60 min: above the 3 receives × 12 min visibility a message can spend in the queue.
   */
  abandonAfterMs?: number;
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
}

/**
 * Plans one serverless sweep: loads the fleet, records the sweep, queues one message per cluster, and records
 * an `error` run for every cluster that could not be queued (so the sweep still completes).
 * @example const r = await planQueuedSweep({ loadTargets, store, send: sqsSender(sqs, url) }); r.queued // 12
 */
export async function planQueuedSweep(opts: PlanOptions): Promise<PlanResult> {
  const now = opts.now ?? (() => new Date());
  const started = now();
  const closedAbandoned = await closeAbandonedSweeps(opts.store, started, opts.abandonAfterMs ?? 3_600_000);
  const targets = await opts.loadTargets();
  const sweepId = opts.sweepId ?? newSweepId(started);
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
  for (const f of failed) {
    const target = byName.get(f.key);
    if (target) await opts.store.saveClusterRun(sweepId, dispatchFailure(target, f));
  }
  const finished =
    (messages.length === 0 || failed.length > 0) &&
    (await finishIfComplete(opts.store, sweepId, targets.length, now())) !== null;
  return {
    sweepId,
    clusters,
    queued: messages.length - failed.length,
    failed: failed.map((f) => ({ cluster: f.key, code: f.code, message: f.message })),
    finished,
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
    deadlineMs: opts.deadlineMs ?? 90_000,
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
