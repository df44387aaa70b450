import { setMaxListeners } from 'node:events';
import type { CheckSettings, ClusterRun } from '../checks/check.ts';
import { FleetcheckError, isFleetcheckError } from '../errors.ts';
import type { ClusterTarget } from '../fleet/target.ts';
import type { ClusterApi } from '../kube/cluster-api.ts';
import { type Outcome, printableError, printableOutcome } from '../outcome.ts';
import { after } from '../time/timers.ts';
import type { ClusterReport } from './report.ts';
import { afterConnect } from './timings.ts';

/**
 * The check runner the sweep drives: `RunClusterChecks` (core/checks/check.ts) plus an optional `onResult`
 * sink. A runner that reports each outcome as it finishes keeps those outcomes even when it never returns
 * after its deadline; one that returns promptly once `signal` aborts keeps whatever it returns.
 */
export type SweepRunChecks = (
  api: ClusterApi,
  target: ClusterTarget,
  settings: CheckSettings,
  signal: AbortSignal,
  onResult?: (result: Outcome) => void,
) => Promise<ClusterRun>;

export interface RunClusterOptions {
  runChecks: SweepRunChecks;
  deadlineMs: number;
  /** How long a runner may take to hand back partial results after its deadline (default 10% of it, ≤ 2 s). */
  graceMs?: number;
  /** The sweep's own cancellation. */
  signal?: AbortSignal;
  now?: () => number;
}

type Settled = { ok: true; run: ClusterRun } | { ok: false; err: unknown } | { ok: 'late' };

const late = (ms: number) =>
  new Promise<{ ok: 'late' }>((resolve) => after(ms, () => resolve({ ok: 'late' }), { unref: true }));

function errorOf(err: unknown): { code: string; message: string } {
  if (isFleetcheckError(err)) return { code: err.code, message: err.message };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/**
 * Connects to one cluster and runs its checks under a deadline. Never throws: a cluster that cannot be
 * reached, throws, or overruns gives a report with `error` set and the results that finished in time.
 * The returned report's `status` is provisional (cross-cluster checks are appended later).
 */
export async function runCluster(
  target: ClusterTarget,
  settings: CheckSettings,
  opts: RunClusterOptions,
): Promise<ClusterReport> {
  const now = opts.now ?? Date.now;
  const started = now();
  const controller = new AbortController();
  // Every check of the cluster may listen on this signal.
  setMaxListeners(0, controller.signal);
  const onSweepAbort = () => controller.abort(opts.signal?.reason);
  if (opts.signal?.aborted) onSweepAbort();
  opts.signal?.addEventListener('abort', onSweepAbort, { once: true });
  const timeoutError = new FleetcheckError(
    'timeout',
    `cluster deadline of ${Math.round(opts.deadlineMs / 1000)} s exceeded`,
    { cluster: target.name, deadlineMs: opts.deadlineMs },
  );
  const timer = after(opts.deadlineMs, () => controller.abort(timeoutError));
  const collected: Outcome[] = [];
  let connectMs = 0;
  const work: Promise<Settled> = (async () => {
    const api = await target.connect();
    connectMs = Math.max(0, now() - started);
    try {
      controller.signal.throwIfAborted();
      return await opts.runChecks(api, target, settings, controller.signal, (r) => collected.push(r));
    } finally {
      api.close?.();
    }
  })().then(
    (run): Settled => ({ ok: true, run }),
    (err): Settled => ({ ok: false, err }),
  );
  const aborted = new Promise<{ ok: 'late' }>((resolve) => {
    if (controller.signal.aborted) resolve({ ok: 'late' });
    controller.signal.addEventListener('abort', () => resolve({ ok: 'late' }), { once: true });
  });
  try {
    let settled = await Promise.race([work, aborted]);
    if (settled.ok === 'late') {
      const grace = opts.graceMs ?? Math.min(2000, opts.deadlineMs / 10);
      settled = await Promise.race([work, late(grace)]);
    }
    const base = { name: target.name, durationMs: Math.max(0, now() - started), ...targetFacts(target) };
    const cause = controller.signal.aborted ? errorOf(controller.signal.reason) : undefined;
    if (settled.ok === true) {
      const { run } = settled;
      const error = run.error ?? cause;
      const report: ClusterReport = { ...run, ...base, status: 'pass', results: [...run.results] };
      if (error) report.error = printableError(error);
      if (run.timings) report.timings = afterConnect(run.timings, connectMs);
      return report;
    }
    const error = settled.ok === false ? (cause ?? errorOf(settled.err)) : (cause ?? errorOf(timeoutError));
    return {
      ...base,
      status: 'error',
      error: printableError(error),
      results: [...collected].map(printableOutcome),
    };
  } finally {
    timer.cancel();
    opts.signal?.removeEventListener('abort', onSweepAbort);
  }
}

function targetFacts(t: ClusterTarget): Partial<ClusterReport> {
  const facts: Partial<ClusterReport> = { provider: t.provider, labels: { ...t.labels } };
  if (t.region !== undefined) facts.region = t.region;
  if (t.account !== undefined) facts.account = t.account;
  return facts;
}
