import { createRoute, z } from '@hono/zod-openapi';
import { clusterDetailSchema, clusterSummarySchema, runSummarySchema } from '../../core/analysis/types.ts';
import { type ApiDeps, subApp } from '../deps.ts';
import { notFoundError } from '../errors.ts';
import { errorResponses, json } from '../openapi-responses.ts';
import { requireOrdered } from '../params.ts';
import { pageOf, pageQuery, pathParam, windowQuery } from '../query.ts';

const nameParams = z.object({ name: pathParam('name', 'prod-eu-1') });

const list = createRoute({
  method: 'get',
  path: '/clusters',
  tags: ['clusters'],
  summary: 'Cluster registry with each latest verdict (paginated)',
  request: { query: z.object(pageQuery).strict() },
  responses: {
    200: json('A page of clusters', pageOf(clusterSummarySchema, 'ClusterPage')),
    ...errorResponses(),
  },
});

export const clusterRoute = createRoute({
  method: 'get',
  path: '/clusters/{name}',
  tags: ['clusters'],
  summary: 'One cluster: registry facts and its latest run with every result and hint',
  request: { params: nameParams, query: z.object({}).strict() },
  responses: { 200: json('The cluster', clusterDetailSchema), ...errorResponses({ 404: 'Unknown cluster' }) },
});

export const clusterHistoryRoute = createRoute({
  method: 'get',
  path: '/clusters/{name}/history',
  tags: ['clusters'],
  summary: "A cluster's runs, newest first (paginated)",
  request: {
    params: nameParams,
    query: z.object({ ...windowQuery, ...pageQuery }).strict(),
  },
  responses: {
    200: json('A page of runs', pageOf(runSummarySchema, 'RunPage')),
    ...errorResponses({ 404: 'Unknown cluster' }),
  },
});

/** `GET /clusters`, `/clusters/{name}`, `/clusters/{name}/history`. */
export function clusterRoutes({ store }: ApiDeps) {
  return subApp()
    .openapi(list, async (c) => c.json(await store.clusters(c.req.valid('query')), 200))
    .openapi(clusterRoute, async (c) => {
      const { name } = c.req.valid('param');
      const detail = await store.cluster(name);
      if (!detail) throw notFoundError('cluster', name);
      return c.json(detail, 200);
    })
    .openapi(clusterHistoryRoute, async (c) => {
      const { name } = c.req.valid('param');
      const query = c.req.valid('query');
      requireOrdered(query.from, query.to);
      const page = await store.clusterHistory(name, query);
      if (!page) throw notFoundError('cluster', name);
      return c.json(page, 200);
    });
}
