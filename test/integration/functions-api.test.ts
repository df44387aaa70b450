import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fleetViewSchema } from '../../core/analysis/types.ts';
import { finishStoredSweep } from '../../core/history/finish.ts';
import { checkClusterMessageSchema } from '../../core/sweep/queue-message.ts';
import type { ClusterReport } from '../../core/sweep/report.ts';

const TOKEN = 'fixture-api-token';
const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/fleetcheck-prod-CheckQueueQueue-kfmzxbnd';
const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-api-'));
const sqs = mockClient(SQSClient);

/** A fleet of two kubeconfig contexts (planning never connects to them). */
function writeFleet(): string {
  const kubeconfig = join(dir, 'kc.yaml');
  const ctx = (n: string) => `  - { name: ${n}, context: { cluster: ${n}, user: u } }\n`;
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n  - { name: prod-a, cluster: { server: "https://127.0.0.1:9" } }\n` +
      `  - { name: prod-b, cluster: { server: "https://127.0.0.1:9" } }\nusers: [{ name: u, user: { token: t } }]\n` +
      `contexts:\n${ctx('prod-a')}${ctx('prod-b')}`,
  );
  const fleet = join(dir, 'fleet.yaml');
  writeFileSync(
    fleet,
    `version: 1\nclusters:\n  - { name: prod-a, kubeconfig: "${kubeconfig}", context: prod-a }\n` +
      `  - { name: prod-b, kubeconfig: "${kubeconfig}", context: prod-b }\n`,
  );
  return fleet;
}
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
  vi.stubEnv('SST_RESOURCE_CheckQueue', JSON.stringify({ type: 'sst.aws.Queue', url: QUEUE_URL }));
  vi.stubEnv('FLEETCHECK_FLEET', writeFleet());
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  // As deployed: the Migrator runs once (infra/migrations.ts) before any other function opens the store.
  await (await import('../../functions/migrate/index.ts')).handler();
  sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
    Successful: input.Entries.map((e) => ({ Id: e.Id })),
  }));
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
  await finishStoredSweep(store, 'sw_20261123T055500Z_0a0a', new Date('2026-11-23T05:56:00.000Z'));
});

afterAll(async () => {
  await stores?.closeLambdaStore();
  sqs.restore();
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

  it('POST /api/v1/sweeps plans a sweep: 202 with its id, sweep recorded, one queue message per cluster', async () => {
    const res = await api.handler(recorded('apigw-v2-post-sweeps.json'));
    expect(res.statusCode).toBe(202);
    const started = JSON.parse(res.body) as { id: string; running: boolean };
    expect(started.running).toBe(false);
    const sent = sqs.commandCalls(SendMessageBatchCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    const messages = sent.map((e) => checkClusterMessageSchema.parse(JSON.parse(e.MessageBody ?? '')));
    expect(messages.map((m) => m.cluster).sort()).toEqual(['prod-a', 'prod-b']);
    expect(messages.every((m) => m.sweepId === started.id && m.total === 2)).toBe(true);
    const listed = await (await stores.lambdaStore()).sweeps({ limit: 5 });
    expect(listed.items.map((i) => i.id)).toContain(started.id);
  });
});
