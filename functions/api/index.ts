import { type APIGatewayProxyResult, handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { createApp } from '../../server/app.ts';
import { resources } from '../resources.ts';
import { lambdaStore } from '../store.ts';

type ApiHandler = (event: LambdaEvent, context?: LambdaContext) => Promise<APIGatewayProxyResult>;

let ready: Promise<ApiHandler> | undefined;

/** Builds the Hono app once per container (store opened, token resolved). */
async function build(): Promise<ApiHandler> {
  return handle(createApp({ store: await lambdaStore(), apiToken: resources().apiToken }));
}

/** API Gateway v2 / function URL events → the same Hono app `fleetcheck serve` runs. */
export const handler: ApiHandler = async (event, context) => {
  if (!ready) {
    ready = build();
    ready.catch(() => {
      ready = undefined;
    });
  }
  return (await ready)(event, context);
};
