import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { History } from '../core/history/history.ts';
import { bearerAuth } from './auth.ts';
import { dashboardRoutes } from './dashboard/assets.ts';
import { type ApiDeps, type BackfillProgress, type ServiceMeta, subApp } from './deps.ts';
import { notFound, onError, validationHook } from './errors.ts';
import { methodAwareNotFound } from './method-not-allowed.ts';
import { errorResponses } from './openapi-responses.ts';
import { clusterRoutes } from './routes/clusters.ts';
import { fleetRoutes } from './routes/fleet.ts';
import { meshRoutes } from './routes/mesh.ts';
import { metaRoutes } from './routes/meta.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { regressionRoutes } from './routes/regressions.ts';
import { reportRoutes } from './routes/reports.ts';
import { sweepRoutes } from './routes/sweeps.ts';
import { trendRoutes } from './routes/trends.ts';
import { securityHeaders } from './security-headers.ts';
import type { Sweeper } from './sweeper.ts';
import { VERSION } from './version.ts';

export interface AppOptions {
  store: History;
  /** Enables `POST /api/v1/sweeps`; without it the route answers 409. */
  sweeper?: Sweeper;
  /** Bearer token required on `/api/v1/*` and `/metrics` (from `config().FLEETCHECK_API_TOKEN`). */
  apiToken?: string | undefined;
  now?: () => Date;
  simulated?: boolean;
  /** Progress of a history backfill while one runs (the demo's), shown by `/api/v1/meta` and the dashboard. */
  backfill?: () => BackfillProgress | undefined;
}

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['meta'],
  summary: 'Liveness: the process answers',
  security: [],
  responses: {
    200: {
      description: 'Alive',
      content: { 'application/json': { schema: z.object({ ok: z.literal(true) }).openapi('Health') } },
    },
  },
});

const metricsDoc = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['meta'],
  summary: 'Prometheus metrics computed from the latest stored results',
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } },
    ...errorResponses(),
  },
});

/**
 * Builds the Hono app: API under `/api/v1`, `/healthz`, `/metrics`, `/openapi.json` and the dashboard at `/`.
 * @example const app = createApp({ store }); const res = await app.request('/api/v1/fleet');
 */
export function createApp(opts: AppOptions): OpenAPIHono {
  const deps: ApiDeps = {
    store: opts.store,
    sweeper: opts.sweeper,
    now: opts.now ?? (() => new Date()),
    meta: {
      simulated: opts.simulated ?? false,
      version: VERSION,
      startedAt: new Date().toISOString(),
    } satisfies ServiceMeta,
    backfill: opts.backfill,
  };
  const auth = bearerAuth({ token: opts.apiToken });
  const api = subApp();
  api.use('*', auth);
  for (const routes of [
    metaRoutes,
    fleetRoutes,
    clusterRoutes,
    sweepRoutes,
    regressionRoutes,
    trendRoutes,
    meshRoutes,
    reportRoutes,
  ]) {
    api.route('/', routes(deps));
  }

  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use('*', securityHeaders());
  app.onError(onError);
  app.notFound(methodAwareNotFound(() => app.routes, notFound));
  app.openapi(healthz, (c) => c.json({ ok: true as const }, 200));
  app.openAPIRegistry.registerPath(metricsDoc);
  app.use('/metrics', auth);
  app.route('/', metricsRoutes(deps));
  app.route('/api/v1', api);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'fleetcheck API',
      version: VERSION,
      description:
        'Fleet-wide Cilium health: latest verdicts, history, regressions, trends, mesh pairs, weekly reports.',
    },
    ...(opts.apiToken ? { security: [{ bearer: [] }] } : {}),
  });
  app.route('/', dashboardRoutes());
  return app;
}
