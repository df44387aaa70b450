import { createSqsClient } from '../core/aws/sqs-dispatch.ts';
import { config } from '../core/config.ts';
import { loadFleet } from '../core/fleet/index.ts';
import type { PlanOptions } from '../core/serverless/plan.ts';
import { sqsSender } from '../core/serverless/sqs-sender.ts';
import { lambdaOnFinished } from './notifier.ts';
import { resources } from './resources.ts';
import { lambdaStore } from './store.ts';

export type PlannerDeps = Omit<PlanOptions, 'trigger' | 'now' | 'sweepId'>;

/** Whether this function can plan sweeps: the queue is linked and a fleet file is configured. */
export function canPlan(): boolean {
  return resources().checkQueueUrl !== undefined && config().FLEETCHECK_FLEET !== undefined;
}

/** What planning needs in Lambda: the bundled fleet file, the container's store and the linked queue. */
export async function plannerDeps(): Promise<PlannerDeps> {
  const env = config();
  const { checkQueueUrl } = resources();
  if (!checkQueueUrl) throw new Error('CheckQueue is not linked to this function (infra/)');
  const store = await lambdaStore();
  return {
    loadTargets: () =>
      loadFleet({
        fleetFile: env.FLEETCHECK_FLEET,
        onNote: (note) => console.warn(JSON.stringify({ msg: 'fleet note', note })),
      }),
    store,
    onFinished: lambdaOnFinished(store),
    send: sqsSender(createSqsClient(), checkQueueUrl),
    intervalMs: env.FLEETCHECK_INTERVAL,
  };
}
