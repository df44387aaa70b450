import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageBatchCommand, type SendMessageBatchCommandInput, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadFleet } from '../../core/fleet/index.ts';
import type { SweepReport } from '../../core/sweep/report.ts';
import { cachedStore } from '../../server/cached-store.ts';
import { openHistory } from '../../server/open-history.ts';
import { storedSweep } from '../../server/run-sweep.ts';
import { openServedStore } from '../../server/served-store.ts';
import { startService } from '../../server/service.ts';
import { parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { cli } from '../e2e/fleetcheck-cli.ts';

/**
 * The three ways a sweep is finished — `fleetcheck sweep`, `serve`'s sweeper behind `POST /api/v1/sweeps`, and
 * the serverless cron planner + SQS worker — over the same simulated fleet store the same verdicts, mesh pairs
 * and rows. The fleet has a cluster-id clash (a cross-cluster outcome the serverless finisher must add to stored
 * runs), a one-sided mesh pair and an unreachable cluster.
 */
const SCENARIO = `
version: 1
seed: 5
clusters:
  - { name: fp-a, clusterId: 1, nodes: 2, mesh: [fp-b, fp-c] }
  - { name: fp-b, clusterId: 1, nodes: 2, mesh: [fp-a] }
  - { name: fp-c, clusterId: 3, nodes: 1 }
  - { name: fp-down, nodes: 1, faults: [{ type: apiserver-down }] }
`;
const NAMES = ['fp-a', 'fp-b', 'fp-c', 'fp-down'];
const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/fleetcheck-test-CheckQueue';
const TOKEN = 'finish-paths-token';

const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-finish-paths-'));
const fleetFile = join(dir, 'fleet.yaml');
const queueDb = join(dir, 'queue.db');
const sqs = mockClient(SQSClient);
let sim: Simulator;

/** What must agree: the stored sweep's verdicts, pairs and per-cluster rows (timings and durations aside). */
function comparable(r: SweepReport) {
  return {
    status: r.sweep.status,
    meshPairs: r.meshPairs,
    clusters: r.clusters
      .map((c) => ({
        name: c.name,
        status: c.status,
        error: c.error?.code,
        clusterId: c.clusterId,
        results: c.results
          .map((o) => `${o.check} ${o.subject} ${o.status}`)
          .sort((x, y) => x.localeCompare(y)),
      }))
      .sort((x, y) => x.name.localeCompare(y.name)),
  };
}

async function stored(db: string, id?: string): Promise<SweepReport> {
  const store = await openHistory(db, { migrate: false });
  try {
    const sweepId = id ?? (await store.sweeps({ limit: 1 })).items[0]?.id;
    const report = sweepId ? await store.sweep(sweepId) : null;
    if (!report) throw new Error(`no stored sweep in ${db}`);
    return report;
  } finally {
    await store.close();
  }
}

async function viaCli(): Promise<SweepReport> {
  const db = join(dir, 'cli.db');
  const res = await cli(['sweep', '--fleet', fleetFile, '--db', db, '--output', 'json'], {
    FLEETCHECK_FLEET: undefined,
  });
  expect(res.err).not.toMatch(/store-unusable/);
  return stored(db);
}

async function viaServe(): Promise<SweepReport> {
  const db = join(dir, 'serve.db');
  const store = cachedStore(await openServedStore(db, { writable: true }));
  const targets = await loadFleet({ fleetFile });
  const svc = await startService({
    store,
    run: storedSweep({ store, targets: () => targets }),
    port: 0,
    host: '127.0.0.1',
    intervalMs: 3_600_000,
    apiToken: TOKEN,
    schedule: false,
    log: () => undefined,
  });
  try {
    const res = await fetch(`${svc.url}/api/v1/sweeps`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await svc.sweeper.idle();
    const api = await fetch(`${svc.url}/api/v1/sweeps/${id}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(api.status).toBe(200);
    const report = (await api.json()) as SweepReport;
    expect(comparable(report)).toEqual(comparable(await store.sweep(id).then((r) => r as SweepReport)));
    return report;
  } finally {
    await svc.stop();
  }
}

async function viaQueue(): Promise<SweepReport> {
  const bodies: string[] = [];
  sqs.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommandInput) => {
    const entries = input.Entries ?? [];
    bodies.push(...entries.map((e) => e.MessageBody ?? ''));
    return { Successful: entries.map((e) => ({ Id: e.Id })), Failed: [] };
  });
  await (await import('../../functions/migrate/index.ts')).handler();
  const plan = await (await import('../../functions/cron/plan-sweep.ts')).handler({});
  expect(plan.queued).toBe(NAMES.length);
  const { handler } = await import('../../functions/queue/check-cluster.ts');
  // One record per invocation, in reverse order: the last run to land finishes the sweep.
  for (const [i, body] of [...bodies].reverse().entries()) {
    const res = await handler({ Records: [{ messageId: `m${i}`, body, eventSource: 'aws:sqs' }] });
    expect(res.batchItemFailures).toEqual([]);
  }
  await (await import('../../functions/store.ts')).closeLambdaStore();
  return stored(queueDb, plan.sweepId);
}

beforeAll(async () => {
  // Read by functions/ (config is parsed once): the serverless path's store, fleet file and queue.
  vi.stubEnv('FLEETCHECK_DB', queueDb);
  vi.stubEnv('FLEETCHECK_FLEET', fleetFile);
  vi.stubEnv('SST_RESOURCE_CheckQueue', JSON.stringify({ url: QUEUE_URL }));
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  sim = await startSimulator(parseScenario(SCENARIO));
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  await sim.writeKubeconfig(kubeconfig);
  writeFileSync(
    fleetFile,
    [
      'version: 1',
      'clusters:',
      ...NAMES.map((n) => `  - { name: ${n}, kubeconfig: "${kubeconfig}", context: ${n} }`),
    ].join('\n'),
  );
});

afterAll(async () => {
  await sim?.stop();
  sqs.restore();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('one finishing path', () => {
  it('the CLI, serve and the serverless worker store the same sweep', async () => {
    const local = comparable(await viaCli());
    expect(local.clusters.map((c) => [c.name, c.status, c.error])).toEqual([
      ['fp-a', 'fail', undefined],
      ['fp-b', 'fail', undefined],
      ['fp-c', expect.stringMatching(/^(pass|warn)$/), undefined],
      ['fp-down', 'error', 'unreachable'],
    ]);
    expect(
      local.clusters[0]?.results.some((r) => r.startsWith('config.mesh.identity ') && r.endsWith(' fail')),
    ).toBe(true);
    expect(local.meshPairs.map((p) => [p.a, p.b, p.status])).toEqual([
      ['fp-a', 'fp-b', 'fail'],
      ['fp-a', 'fp-c', 'warn'],
    ]);
    expect(local.status).toBe('fail');
    expect(comparable(await viaServe())).toEqual(local);
    expect(comparable(await viaQueue())).toEqual(local);
  }, 180_000);
});
