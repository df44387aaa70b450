import { parseDuration } from '../../core/analysis/stale.ts';
import { createSqsClient } from '../../core/aws/sqs-dispatch.ts';
import { config } from '../../core/config.ts';
import { loadFleet } from '../../core/fleet/index.ts';
import { type PlanOptions, type PlanResult, planSweep } from '../../core/serverless/plan.ts';
import { sqsSender } from '../../core/serverless/sqs-sender.ts';
import { scheduledEventSchema } from '../events.ts';
import { resources } from '../resources.ts';
import { lambdaStore } from '../store.ts';

export type PlannerDeps = Omit<PlanOptions, 'trigger' | 'now'>;

/** The 5-minute schedule: record a sweep and queue one message per fleet cluster. */
export function createPlanSweepHandler(deps: () => Promise<PlannerDeps>) {
  return async function planSweepHandler(event: unknown): Promise<PlanResult> {
    const scheduled = scheduledEventSchema.parse(event);
    const result = await planSweep({ ...(await deps()), trigger: `schedule:${scheduled.id}` });
    console.info(JSON.stringify({ msg: 'sweep planned', ...result, clusters: result.clusters.length }));
    return result;
  };
}

export const handler = createPlanSweepHandler(async () => {
  const env = config();
  const { checkQueueUrl } = resources();
  if (!checkQueueUrl) throw new Error('CheckQueue is not linked to the planner (infra/cron.ts)');
  return {
    loadTargets: () => loadFleet({ fleetFile: env.FLEETCHECK_FLEET }),
    store: await lambdaStore(),
    send: sqsSender(createSqsClient(), checkQueueUrl),
    intervalMs: parseDuration(env.FLEETCHECK_INTERVAL),
  };
});
