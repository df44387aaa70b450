import type { PlanResult } from '../../core/serverless/plan.ts';
import { newSweepId } from '../../core/sweep/sweep-id.ts';
import type { RunningSweep, Sweeper } from '../../server/sweeper.ts';

/** Plans (records + queues) a sweep under a given id; the workers do the checking. */
export type PlanWithId = (sweepId: string, trigger: string) => Promise<PlanResult>;

/**
 * `POST /api/v1/sweeps` in Lambda: the sweep is planned and queued, not run, so "in flight" lasts only
 * while planning. The handler awaits `idle()` before returning, because Lambda freezes the container once
 * the response is out.
 * @example const sweeper = queueSweeper((id, t) => planQueuedSweep({ ...deps, sweepId: id, trigger: t }))
 */
export function queueSweeper(plan: PlanWithId, now: () => Date = () => new Date()): Sweeper {
  let inFlight: (RunningSweep & { done: Promise<void> }) | undefined;
  return {
    trigger(trigger) {
      if (inFlight) return { id: inFlight.id, startedAt: inFlight.startedAt, running: true };
      const at = now();
      const id = newSweepId(at);
      const done = plan(id, trigger).then(
        (r) => console.info(JSON.stringify({ msg: 'sweep planned', sweepId: r.sweepId, queued: r.queued })),
        (err: unknown) =>
          console.error(JSON.stringify({ msg: 'sweep planning failed', sweepId: id, error: String(err) })),
      );
      const entry = { id, startedAt: at.toISOString(), trigger, done };
      inFlight = entry;
      void done.finally(() => {
        if (inFlight === entry) inFlight = undefined;
      });
      return { id, startedAt: entry.startedAt, running: false };
    },
    current: () =>
      inFlight ? { id: inFlight.id, startedAt: inFlight.startedAt, trigger: inFlight.trigger } : undefined,
    idle: async () => {
      await inFlight?.done;
    },
    stop: async () => {
      await inFlight?.done;
    },
  };
}
