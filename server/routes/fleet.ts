import { createRoute, z } from '@hono/zod-openapi';
import { fleetViewSchema } from '../../core/analysis/types.ts';
import { type ApiDeps, subApp } from '../deps.ts';
import { jsonBody } from '../json-body.ts';
import { errorResponses, json } from '../openapi-responses.ts';

export const fleetRoute = createRoute({
  method: 'get',
  path: '/fleet',
  tags: ['fleet'],
  summary: 'Latest verdict per cluster (per layer, stale flagged) and fleet counts',
  request: { query: z.object({}).strict() },
  responses: {
    200: json('The fleet view', fleetViewSchema),
    ...errorResponses(),
  },
});

/** `GET /fleet`. */
export function fleetRoutes(deps: ApiDeps) {
  return subApp().openapi(fleetRoute, async (c) => jsonBody(c, await deps.store.fleet({ now: deps.now() })));
}
