import { type PlanResult, planQueuedSweep } from '../../core/serverless/plan.ts';
import { newSweepId } from '../../core/sweep/sweep-id.ts';
import { cronInputSchema } from '../events.ts';
import { type PlannerDeps, plannerDeps } from '../planner-deps.ts';

export type { PlannerDeps };

/**
 * The schedule's sweep id: the start of the interval slot the invocation falls in, so a repeated invocation
 * in the same slot (an EventBridge or Lambda retry) finds its sweep already planned and queues nothing.
 * @example slotSweepId(new Date('2026-11-23T06:02:10Z'), 300_000) // 'sw_20261123T060000Z_cron'
 */
export function slotSweepId(at: Date, intervalMs: number): string {
  return newSweepId(new Date(Math.floor(at.getTime() / intervalMs) * intervalMs), 'cron');
}

/** The 5-minute schedule (SST Cron input `{}`): record a sweep and queue one message per fleet cluster. */
export function createPlanSweepHandler(deps: () => Promise<PlannerDeps>, now: () => Date = () => new Date()) {
  return async function planSweepHandler(event: unknown): Promise<PlanResult> {
    cronInputSchema.parse(event);
    const d = await deps();
    const at = now();
    const sweepId = slotSweepId(at, d.intervalMs ?? 300_000);
    const result = await planQueuedSweep({ ...d, now: () => at, sweepId, trigger: 'schedule' });
    console.info(JSON.stringify({ msg: 'sweep planned', ...result, clusters: result.clusters.length }));
    return result;
  };
}

export const handler = createPlanSweepHandler(plannerDeps);
