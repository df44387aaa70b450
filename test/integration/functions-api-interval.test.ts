import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { saveStaleFleet, staleOf } from '../fixtures/stale-fleet.ts';

const TOKEN = 'fixture-api-token';
const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-api-interval-'));
type ApiModule = typeof import('../../functions/api/index.ts');
type StoreModule = typeof import('../../functions/store.ts');
let api: ApiModule;
let stores: StoreModule;

beforeAll(async () => {
  vi.stubEnv('FLEETCHECK_DB', join(dir, 'fleetcheck.db'));
  vi.stubEnv('FLEETCHECK_INTERVAL', '300');
  vi.stubEnv('SST_RESOURCE_ApiToken', JSON.stringify({ type: 'sst.sst.Secret', value: TOKEN }));
  // As deployed: the Migrator runs once (infra/migrations.ts) before any other function opens the store.
  await (await import('../../functions/migrate/index.ts')).handler();
  api = await import('../../functions/api/index.ts');
  stores = await import('../../functions/store.ts');
  await saveStaleFleet(await stores.lambdaStore(), Date.now());
});

afterAll(async () => {
  await stores?.closeLambdaStore();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('functions/api with FLEETCHECK_INTERVAL=300', () => {
  it('reads a bare number as seconds: a cluster is stale after 2 × 300 s, not 600 ms', async () => {
    const event = JSON.parse(
      readFileSync(new URL('../fixtures/events/apigw-v2-fleet.json', import.meta.url), 'utf8'),
    ) as Parameters<ApiModule['handler']>[0];
    const res = await api.handler(event);
    expect(res.statusCode).toBe(200);
    expect(staleOf(JSON.parse(res.body))).toEqual({ old: true, recent: false });
  });
});
