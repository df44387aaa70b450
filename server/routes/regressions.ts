import { createRoute, z } from '@hono/zod-openapi';
import { parseBaseline } from '../../core/analysis/baseline.ts';
import { flapSchema, regressionReportSchema } from '../../core/analysis/types.ts';
import { layerSchema } from '../../core/outcome.ts';
import { type ApiDeps, subApp } from '../deps.ts';
import { jsonBody } from '../json-body.ts';
import { errorResponses, json } from '../openapi-responses.ts';
import { requireKnownCluster, timeWindow } from '../params.ts';
import { decimalInt, isoTime, windowQuery } from '../query.ts';

const DAY = 86_400_000;

const baselineParam = z
  .string()
  .min(1)
  .max(200)
  .refine((v) => !/^\d{4}-\d{2}-\d{2}/.test(v) || !Number.isNaN(Date.parse(v)), {
    message: 'not a valid ISO-8601 time',
  })
  .optional()
  .openapi({ description: '`previous` (default), a sweep id, or an ISO-8601 time', example: 'previous' });

export const regressionsRoute = createRoute({
  method: 'get',
  path: '/regressions',
  tags: ['analysis'],
  summary: 'What got worse (and what recovered) in the latest sweep vs a baseline',
  request: {
    query: z
      .object({
        baseline: baselineParam,
        since: isoTime
          .optional()
          .openapi({ description: 'with baseline=previous: compare against this time' }),
        cluster: z.string().min(1).max(253).optional(),
        layer: layerSchema.optional(),
      })
      .strict(),
  },
  responses: {
    200: json('Regressions and recoveries', regressionReportSchema),
    ...errorResponses({ 404: 'Unknown baseline sweep or cluster' }),
  },
});

export const flappingRoute = createRoute({
  method: 'get',
  path: '/flapping',
  tags: ['analysis'],
  summary: 'Checks whose status changed at least minChanges times in the window (default: last 7 days)',
  request: {
    query: z
      .object({
        ...windowQuery,
        minChanges: decimalInt(1, 1000).optional(),
        cluster: z.string().min(1).max(253).optional(),
      })
      .strict(),
  },
  responses: {
    200: json('Flapping checks', z.object({ items: z.array(flapSchema) }).openapi('FlapList')),
    ...errorResponses({ 404: 'Unknown cluster' }),
  },
});

/** `GET /regressions`, `GET /flapping`. */
export function regressionRoutes({ store, now }: ApiDeps) {
  return subApp()
    .openapi(regressionsRoute, async (c) => {
      const { baseline, ...rest } = c.req.valid('query');
      await requireKnownCluster(store, rest.cluster);
      return jsonBody(c, await store.regressions({ baseline: parseBaseline(baseline, now()), ...rest }));
    })
    .openapi(flappingRoute, async (c) => {
      const q = c.req.valid('query');
      const window = timeWindow(q, now(), 7 * DAY);
      await requireKnownCluster(store, q.cluster);
      const items = await store.flapping({ ...q, ...window });
      return c.json({ items }, 200);
    });
}
