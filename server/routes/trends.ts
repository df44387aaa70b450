import { createRoute, z } from '@hono/zod-openapi';
import { trendMetricSchema, trendSeriesSchema } from '../../core/analysis/types.ts';
import { FleetcheckError } from '../../core/errors.ts';
import { type ApiDeps, subApp } from '../deps.ts';
import { jsonBody } from '../json-body.ts';
import { errorResponses, json } from '../openapi-responses.ts';
import { requireKnownCluster, timeWindow } from '../params.ts';
import { windowQuery } from '../query.ts';

const DAY = 86_400_000;
const MAX_BUCKETS = 5000;

export const trendsRoute = createRoute({
  method: 'get',
  path: '/trends',
  tags: ['analysis'],
  summary: 'A metric per hour or day, per cluster or grouped (default: pass_rate per hour over 7 days)',
  request: {
    query: z
      .object({
        metric: trendMetricSchema.default('pass_rate'),
        bucket: z.enum(['hour', 'day']).default('hour'),
        ...windowQuery,
        cluster: z.string().min(1).max(253).optional(),
        groupBy: z.enum(['provider', 'region', 'mesh']).optional(),
      })
      .strict(),
  },
  responses: {
    200: json('One series per key', z.object({ series: z.array(trendSeriesSchema) }).openapi('TrendList')),
    ...errorResponses({ 404: 'Unknown cluster' }),
  },
});

/** `GET /trends`. */
export function trendRoutes({ store, now }: ApiDeps) {
  return subApp().openapi(trendsRoute, async (c) => {
    const q = c.req.valid('query');
    const { from, to } = timeWindow(q, now(), 7 * DAY);
    const bucketMs = q.bucket === 'hour' ? 3_600_000 : DAY;
    if ((to.getTime() - from.getTime()) / bucketMs > MAX_BUCKETS) {
      throw new FleetcheckError('invalid-input', `parameter 'from': range too long for bucket=${q.bucket}`);
    }
    await requireKnownCluster(store, q.cluster);
    return jsonBody(c, await store.trends({ ...q, from, to }), 'series');
  });
}
