import { createRoute, z } from '@hono/zod-openapi';
import { LAYERS } from '../../core/layers.ts';
import { layerSchema, SEVERITY, statusSchema } from '../../core/outcome.ts';
import { type ApiDeps, subApp } from '../deps.ts';
import { errorResponses, json } from '../openapi-responses.ts';

const metaSchema = z
  .object({
    simulated: z.boolean().openapi({ description: 'true when the fleet is the built-in simulator (demo)' }),
    version: z.string(),
    startedAt: z.string(),
    backfill: z.object({ done: z.number().int(), total: z.number().int() }).optional().openapi({
      description: 'present while the service backfills history (the demo): sweeps stored so far',
    }),
    severity: z.array(statusSchema).openapi({
      description:
        'every status from least to most severe (skip, pass, warn, error, fail); listings show worst first',
    }),
    layers: z.array(layerSchema).openapi({ description: 'the check layers in report order' }),
  })
  .openapi('Meta');

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
