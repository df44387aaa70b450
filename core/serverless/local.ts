import { parseCheckClusterMessage } from '../sweep/queue-message.ts';
import type { SweepReport } from '../sweep/report.ts';
import { checkCluster } from './check.ts';
import { type PlanOptions, type PlanResult, planQueuedSweep } from './plan.ts';
import type { ConnectQueued, SweepRecorder, SweepRunChecks } from './ports.ts';

export interface LocalSweepOptions extends Omit<PlanOptions, 'send' | 'store'> {
  store: SweepRecorder;
  connect: ConnectQueued;
  runChecks: SweepRunChecks;
  signal?: AbortSignal;
}

/**
 * The serverless pipeline in one process: the same planner and worker, with the queue replaced by a JSON
 * round trip through the message schema (so local runs exercise exactly what crosses SQS).
 * @example const { report } = await runSweepInProcess({ loadTargets, store, connect, runChecks })
 */
export async function runSweepInProcess(
  opts: LocalSweepOptions,
): Promise<{ plan: PlanResult; report: SweepReport | null }> {
  let report: SweepReport | null = null;
  const plan = await planQueuedSweep({
    ...opts,
    send: async (messages) => {
      const wire = messages.map((m) => JSON.stringify(m));
      const done = await Promise.all(
        wire.map((body) =>
          checkCluster(parseCheckClusterMessage(body), {
            store: opts.store,
            connect: opts.connect,
            runChecks: opts.runChecks,
            signal: opts.signal,
            now: opts.now,
          }),
        ),
      );
      report = done.find((d) => d.finished)?.finished ?? null;
      return { failed: [] };
    },
  });
  return { plan, report: report ?? (plan.finished ? await opts.store.sweep(plan.sweepId) : null) };
}
