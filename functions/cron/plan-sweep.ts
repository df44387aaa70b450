import { type PlanResult, planQueuedSweep } from '../../core/serverless/plan.ts';
import { scheduledEventSchema } from '../events.ts';
import { type PlannerDeps, plannerDeps } from '../planner-deps.ts';

export type { PlannerDeps };

/** The 5-minute schedule: record a sweep and queue one message per fleet cluster. */
export function createPlanSweepHandler(deps: () => Promise<PlannerDeps>) {
  return async function planSweepHandler(event: unknown): Promise<PlanResult> {
    const scheduled = scheduledEventSchema.parse(event);
    const result = await planQueuedSweep({ ...(await deps()), trigger: `schedule:${scheduled.id}` });
    console.info(JSON.stringify({ msg: 'sweep planned', ...result, clusters: result.clusters.length }));
    return result;
  };
}

export const handler = createPlanSweepHandler(plannerDeps);
