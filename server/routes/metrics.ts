import { Hono } from 'hono';
import type { ApiDeps } from '../deps.ts';
import { collectMetrics } from '../metrics/collect.ts';

/** `GET /metrics` in the Prometheus text format, computed from the store at scrape time. */
export function metricsRoutes({ store, now }: ApiDeps) {
  return new Hono().get('/metrics', async (c) => {
    const registry = await collectMetrics(store, now());
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType });
  });
}
