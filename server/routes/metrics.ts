import { Hono } from 'hono';
import type { ApiDeps } from '../deps.ts';
import { scrapeCache } from '../metrics/scrape-cache.ts';

/** `GET /metrics` in the Prometheus text format, rendered once per stored state (server/metrics/scrape-cache.ts). */
export function metricsRoutes({ store, now }: ApiDeps) {
  const scrape = scrapeCache(store);
  return new Hono().get('/metrics', async (c) => {
    const { body, contentType } = await scrape(now());
    return c.body(body, 200, { 'content-type': contentType });
  });
}
