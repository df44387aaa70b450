import { type APIGatewayProxyResult, handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { FleetcheckError } from '../../core/errors.ts';
import { planQueuedSweep } from '../../core/serverless/plan.ts';
import { createApp } from '../../server/app.ts';
import type { Sweeper } from '../../server/sweeper.ts';
import { canPlan, plannerDeps } from '../planner-deps.ts';
import { resources } from '../resources.ts';
import { lambdaStore } from '../store.ts';
import { queueSweeper } from './sweeper.ts';

type ApiHandler = (event: LambdaEvent, context?: LambdaContext) => Promise<APIGatewayProxyResult>;

let ready: Promise<{ handle: ApiHandler; sweeper?: Sweeper }> | undefined;

/**
 * Builds the Hono app once per container: token required (a public function URL without one would serve
 * the fleet's state to anyone), store opened, sweeper when the queue is linked.
 */
async function build(): Promise<{ handle: ApiHandler; sweeper?: Sweeper }> {
  const { apiToken } = resources();
  if (!apiToken)
    throw new FleetcheckError(
      'invalid-input',
      'the API refuses to start without a token: set it with `npx sst secret set ApiToken <token>` (or FLEETCHECK_API_TOKEN)',
    );
  const store = await lambdaStore();
  const sweeper = canPlan()
    ? queueSweeper(store, async (sweepId, trigger) =>
        planQueuedSweep({ ...(await plannerDeps()), sweepId, trigger }),
      )
    : undefined;
  const app = createApp({ store, apiToken, sweeper });
  return { handle: handle(app), sweeper };
}

/** API Gateway v2 / function URL events → the same Hono app `fleetcheck serve` runs. */
export const handler: ApiHandler = async (event, context) => {
  if (!ready) {
    ready = build();
    ready.catch(() => {
      ready = undefined;
    });
  }
  const { handle: run, sweeper } = await ready;
  const response = await run(event, context);
  // POST /sweeps answers 202 at once; finish queueing before Lambda freezes the container.
  await sweeper?.idle();
  return response;
};
