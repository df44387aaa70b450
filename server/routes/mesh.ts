import { createRoute, z } from '@hono/zod-openapi';
import { assertDistinctPair } from '../../core/analysis/mesh-compare.ts';
import { meshComparisonSchema, meshPairSummarySchema } from '../../core/analysis/mesh-types.ts';
import { type ApiDeps, subApp } from '../deps.ts';
import { notFoundError } from '../errors.ts';
import { jsonBody } from '../json-body.ts';
import { errorResponses, json } from '../openapi-responses.ts';
import { requireOrdered } from '../params.ts';
import { pathParam, windowQuery } from '../query.ts';

export const meshPairsRoute = createRoute({
  method: 'get',
  path: '/mesh/pairs',
  tags: ['mesh'],
  summary: 'Latest verdict of every ClusterMesh pair',
  request: { query: z.object({}).strict() },
  responses: {
    200: json('Mesh pairs', z.object({ items: z.array(meshPairSummarySchema) }).openapi('MeshPairList')),
    ...errorResponses(),
  },
});

export const meshCompareRoute = createRoute({
  method: 'get',
  path: '/mesh/pairs/{a}/{b}',
  tags: ['mesh'],
  summary: 'Two clusters side by side: views of each other, versions, config that must agree, history',
  request: {
    params: z.object({ a: pathParam('a', 'prod-eu-1'), b: pathParam('b', 'prod-eu-2') }),
    query: z.object(windowQuery).strict(),
  },
  responses: {
    200: json('The comparison', meshComparisonSchema),
    ...errorResponses({ 404: 'Neither cluster is known' }),
  },
});

/** `GET /mesh/pairs`, `GET /mesh/pairs/{a}/{b}`. */
export function meshRoutes({ store }: ApiDeps) {
  return subApp()
    .openapi(meshPairsRoute, async (c) => jsonBody(c, await store.meshPairs(), 'items'))
    .openapi(meshCompareRoute, async (c) => {
      const { a, b } = c.req.valid('param');
      assertDistinctPair(a, b);
      const query = c.req.valid('query');
      requireOrdered(query.from, query.to);
      const result = await store.meshCompare(a, b, query);
      if (!result) throw notFoundError('mesh pair', `${a}/${b}`);
      return c.json(result, 200);
    });
}
