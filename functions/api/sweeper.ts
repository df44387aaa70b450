import type { History } from '../../core/history/history.ts';
import type { PlanResult } from '../../core/serverless/plan.ts';
import { SWEEP_ABANDON_MS, SWEEP_DEADLINE_MS, SWEEP_LEASE } from '../../core/serverless/timing.ts';
import { newSweepId } from '../../core/sweep/sweep-id.ts';
import type { RunningSweep, Sweeper } from '../../server/sweeper.ts';

/** Plans (records + queues) a sweep under a given id; the workers do the checking. */
export type PlanWithId = (sweepId: string, trigger: string) => Promise<PlanResult>;

/**
 * `POST /api/v1/sweeps` in Lambda: single-flight across containers through the store's `manual-sweep` lease,
 * held by the sweep's id from planning until the sweep is finished (core/serverless/finish.ts gives it back),
 * at most the sweep deadline. A second POST meanwhile answers with the sweep in flight. The handler awaits
 * `idle()` before returning, because Lambda freezes the container once the response is out.
 * @example const sweeper = queueSweeper(store, (id, t) => planQueuedSweep({ ...deps, sweepId: id, trigger: t }))
 */
export function queueSweeper(
  store: Pick<History, 'acquireLease' | 'releaseLease' | 'sweep'>,
  plan: PlanWithId,
  now: () => Date = () => new Date(),
): Sweeper {
  let planning: (RunningSweep & { done: Promise<void> }) | undefined;
  return {
    async trigger(trigger) {
      const at = now();
      const id = newSweepId(at);
      const until = new Date(at.getTime() + SWEEP_DEADLINE_MS + SWEEP_ABANDON_MS);
      const holder = await store.acquireLease(SWEEP_LEASE, id, until, at);
      if (holder !== id) {
        const running = await store.sweep(holder);
        return { id: holder, startedAt: running?.sweep.startedAt ?? at.toISOString(), running: true };
      }
      const done = plan(id, trigger).then(
        (r) => console.info(JSON.stringify({ msg: 'sweep planned', sweepId: r.sweepId, queued: r.queued })),
        async (err: unknown) => {
          await store.releaseLease(SWEEP_LEASE, id).catch(() => undefined);
          console.error(JSON.stringify({ msg: 'sweep planning failed', sweepId: id, error: String(err) }));
        },
      );
      const entry = { id, startedAt: at.toISOString(), trigger, done };
      planning = entry;
      void done.finally(() => {
        if (planning === entry) planning = undefined;
      });
      return { id, startedAt: entry.startedAt, running: false };
    },
    current: () =>
      planning ? { id: planning.id, startedAt: planning.startedAt, trigger: planning.trigger } : undefined,
    idle: async () => {
      await planning?.done;
    },
    stop: async () => {
      await planning?.done;
    },
  };
}
