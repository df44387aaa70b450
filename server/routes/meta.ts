import { createRoute, z } from '@hono/zod-openapi';
import { LAYERS } from '../../core/layers.ts';
import { SEVERITY } from '../../core/outcome.ts';
import { type ApiDeps, subApp } from '../deps.ts';
import { errorResponses, json } from '../openapi-responses.ts';
import { metaSchema } from './meta-schema.ts';

export const metaRoute = createRoute({
  method: 'get',
  path: '/meta',
  tags: ['meta'],
  summary: 'About this service: simulated fleet or not, version, start time, severity order and layers',
  request: { query: z.object({}).strict() },
  responses: {
    200: json('Service facts', metaSchema),
    ...errorResponses(),
  },
});

/** `GET /meta`. */
export function metaRoutes(deps: ApiDeps) {
  return subApp().openapi(metaRoute, (c) => {
    const backfill = deps.backfill?.();
    return c.json(
      { ...deps.meta, ...(backfill ? { backfill } : {}), severity: [...SEVERITY], layers: [...LAYERS] },
      200,
    );
  });
}
