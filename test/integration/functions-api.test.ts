import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fleetViewSchema } from '../../core/analysis/types.ts';
import type { ClusterReport } from '../../core/sweep/report.ts';

const TOKEN = 'fixture-api-token';
const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-api-'));
type ApiModule = typeof import('../../functions/api/index.ts');
type StoreModule = typeof import('../../functions/store.ts');
let api: ApiModule;
let stores: StoreModule;

function recorded(name: string): Parameters<ApiModule['handler']>[0] {
  return JSON.parse(readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8'));
}

const run = (name: string, status: ClusterReport['status']): ClusterReport => ({
  name,
  status,
  durationMs: 1200,
  provider: 'eks',
  region: 'eu-west-1',
  results: [
    status === 'pass'
      ? { check: 'component.operator.ready', subject: 'cluster', status: 'pass', message: '2/2 ready' }
      : {
          check: 'component.operator.ready',
          subject: 'cluster',
          status: 'fail',
          message: '0/2 ready',
          hint: 'kubectl -n kube-system describe deploy cilium-operator',
        },
  ],
});

beforeAll(async () => {
  vi.stubEnv('FLEETCHECK_DB', join(dir, 'fleetcheck.db'));
  // The token comes through SST's link, as in the deployed function (not FLEETCHECK_API_TOKEN).
  vi.stubEnv('SST_RESOURCE_ApiToken', JSON.stringify({ type: 'sst.sst.Secret', value: TOKEN }));
  api = await import('../../functions/api/index.ts');
  stores = await import('../../functions/store.ts');
  const store = await stores.lambdaStore();
  await store.createSweep({
    id: 'sw_20261123T055500Z_0a0a',
    startedAt: '2026-11-23T05:55:00.000Z',
    clusters: ['prod-a', 'prod-b'],
  });
  await store.saveClusterRun('sw_20261123T055500Z_0a0a', run('prod-a', 'pass'));
  await store.saveClusterRun('sw_20261123T055500Z_0a0a', run('prod-b', 'fail'));
  await store.finishSweep('sw_20261123T055500Z_0a0a', '2026-11-23T05:56:00.000Z');
});

afterAll(async () => {
  await stores?.closeLambdaStore();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('functions/api', () => {
  it('answers /healthz from an API Gateway v2 event', async () => {
    const res = await api.handler(recorded('apigw-v2-healthz.json'));
    expect(res.statusCode).toBe(200);
  });

  it('answers /api/v1/fleet with the stored verdicts when the bearer token matches the linked secret', async () => {
    const res = await api.handler(recorded('apigw-v2-fleet.json'));
    expect(res.statusCode).toBe(200);
    expect(String(res.headers?.['content-type'])).toContain('application/json');
    const view = fleetViewSchema.parse(JSON.parse(res.body));
    expect(Object.fromEntries(view.clusters.map((c) => [c.name, c.status]))).toEqual({
      'prod-a': 'pass',
      'prod-b': 'fail',
    });
    expect(view.lastSweep?.id).toBe('sw_20261123T055500Z_0a0a');
  });

  it('refuses the API without the token', async () => {
    const event = recorded('apigw-v2-fleet.json') as { headers: Record<string, string> };
    delete event.headers.authorization;
    const res = await api.handler(event as Parameters<ApiModule['handler']>[0]);
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: expect.any(String) } });
  });
});
