import { createRoute, z } from '@hono/zod-openapi';
import { type ApiDeps, subApp } from '../deps.ts';
import { errorResponses, json } from '../openapi-responses.ts';

export const metaSchema = z
  .object({
    simulated: z.boolean().openapi({ description: 'true when the fleet is the built-in simulator (demo)' }),
    version: z.string(),
    startedAt: z.string(),
    backfill: z.object({ done: z.number().int(), total: z.number().int() }).optional().openapi({
      description: 'present while the service backfills history (the demo): sweeps stored so far',
    }),
  })
  .openapi('Meta');

const route = createRoute({
  method: 'get',
  path: '/meta',
  tags: ['meta'],
  summary: 'About this service: simulated fleet or not, version, start time',
  request: { query: z.object({}).strict() },
  responses: {
    200: json('Service facts', metaSchema),
    ...errorResponses(),
  },
});

/** `GET /meta`. */
export function metaRoutes(deps: ApiDeps) {
  return subApp().openapi(route, (c) => {
    const backfill = deps.backfill?.();
    return c.json({ ...deps.meta, ...(backfill ? { backfill } : {}) }, 200);
  });
}
