import { createRoute, z } from '@hono/zod-openapi';
import { sweepSummarySchema } from '../../core/analysis/types.ts';
import { FleetcheckError } from '../../core/errors.ts';
import { sweepReportSchema } from '../../core/sweep/report.ts';
import { type ApiDeps, subApp } from '../deps.ts';
import { notFoundError } from '../errors.ts';
import { errorResponses, json } from '../openapi-responses.ts';
import { pageOf, pageQuery, pathParam } from '../query.ts';

const sweepStartedSchema = z
  .object({
    id: z.string(),
    startedAt: z.string(),
    running: z.boolean().openapi({ description: 'true when this is a sweep that was already running' }),
  })
  .openapi('SweepStarted');

export const sweepListRoute = createRoute({
  method: 'get',
  path: '/sweeps',
  tags: ['sweeps'],
  summary: 'Sweeps, newest first (paginated)',
  request: { query: z.object(pageQuery).strict() },
  responses: { 200: json('A page of sweeps', pageOf(sweepSummarySchema, 'SweepPage')), ...errorResponses() },
});

const one = createRoute({
  method: 'get',
  path: '/sweeps/{id}',
  tags: ['sweeps'],
  summary: 'One stored sweep as the `fleetcheck sweep --output json` document (202 while it still runs)',
  request: {
    params: z.object({ id: pathParam('id', 'sw_20261125T120501Z_ab12') }),
    query: z.object({}).strict(),
  },
  responses: {
    200: json('The sweep report', sweepReportSchema),
    202: json('The sweep is still running', sweepStartedSchema),
    ...errorResponses({ 404: 'Unknown sweep' }),
  },
});

export const sweepStartRoute = createRoute({
  method: 'post',
  path: '/sweeps',
  tags: ['sweeps'],
  summary: 'Start a sweep now; while one runs, answers with the running sweep (single-flight)',
  request: { query: z.object({}).strict() },
  responses: {
    202: json('Sweep started or already running', sweepStartedSchema),
    ...errorResponses({ 409: 'This service cannot run sweeps (no fleet)' }),
  },
});

/** `GET /sweeps`, `GET /sweeps/{id}`, `POST /sweeps`. */
export function sweepRoutes({ store, sweeper }: ApiDeps) {
  return subApp()
    .openapi(sweepListRoute, async (c) => c.json(await store.sweeps(c.req.valid('query')), 200))
    .openapi(one, async (c) => {
      const { id } = c.req.valid('param');
      const running = sweeper?.current();
      if (running?.id === id) return c.json({ id, startedAt: running.startedAt, running: true }, 202);
      const report = await store.sweep(id);
      if (!report) throw notFoundError('sweep', id);
      return c.json(report, 200);
    })
    .openapi(sweepStartRoute, async (c) => {
      if (!sweeper) throw new FleetcheckError('conflict', 'this service has no fleet to sweep');
      const started = await sweeper.trigger('api');
      c.header('Location', `/api/v1/sweeps/${started.id}`);
      return c.json(started, 202);
    });
}
