import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkClusterMessageSchema } from '../../core/sweep/queue-message.ts';
import { handler } from '../../functions/queue/check-cluster.ts';
import { closeLambdaStore, lambdaStore } from '../../functions/store.ts';
import { parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';

const SCENARIO = `
version: 1
seed: 7
clusters:
  - { name: fc-a, clusterId: 1, nodes: 2, mesh: [fc-b] }
  - { name: fc-b, clusterId: 2, nodes: 2, mesh: [fc-a] }
  - { name: fc-c, clusterId: 3, nodes: 2, faults: [{ type: operator-unavailable }] }
`;
/** Where the recorded messages name the kubeconfig file. */
const PLACEHOLDER = '$' + '{KUBECONFIG}';
const SWEEP = 'sw_20261123T060000Z_5e7a';
const MALFORMED = 'c93f61d8-27b5-4a8e-8f0d-91e4b5a6c703';
const context = { getRemainingTimeInMillis: () => 120_000 };

const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-worker-'));
const kubeconfig = join(dir, 'kubeconfig.yaml');
let sim: Simulator;

/** A recorded event with the simulator's kubeconfig path in place of `${KUBECONFIG}`. */
function recorded(name: string): unknown {
  const text = readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8');
  return JSON.parse(text.replaceAll(PLACEHOLDER, kubeconfig));
}

beforeAll(async () => {
  vi.stubEnv('FLEETCHECK_DB', join(dir, 'fleetcheck.db'));
  // As deployed: the Migrator runs once (infra/migrations.ts) before any other function opens the store.
  await (await import('../../functions/migrate/index.ts')).handler();
  sim = await startSimulator(parseScenario(SCENARIO));
  await sim.writeKubeconfig(kubeconfig);
  const store = await lambdaStore();
  await store.createSweep({
    id: SWEEP,
    startedAt: '2026-11-23T06:00:00.000Z',
    clusters: ['fc-a', 'fc-b', 'fc-c'],
    trigger: 'test',
  });
});

afterAll(async () => {
  await closeLambdaStore();
  await sim?.stop();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('functions/queue/check-cluster', () => {
  it('recorded bodies are valid v1 messages, except the truncated one', () => {
    const event = recorded('sqs-check-cluster-batch.json') as {
      Records: { messageId: string; body: string }[];
    };
    const valid = event.Records.filter(
      (r) => checkClusterMessageSchema.safeParse(JSON.parse(tryJson(r.body))).success,
    );
    expect(valid.map((r) => r.messageId)).not.toContain(MALFORMED);
    expect(valid).toHaveLength(event.Records.length - 1);
  });

  it('checks each cluster, reports only the malformed record, and finishes the sweep with the last run', async () => {
    const res = await handler(recorded('sqs-check-cluster-batch.json'), context);
    expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: MALFORMED }] });

    const report = await (await lambdaStore()).sweep(SWEEP);
    expect(report?.clusters.map((c) => c.name).sort()).toEqual(['fc-a', 'fc-b', 'fc-c']);
    const byName = new Map(report?.clusters.map((c) => [c.name, c]));
    expect(byName.get('fc-a')?.error).toBeUndefined();
    expect(byName.get('fc-a')?.results.length).toBeGreaterThan(0);
    const operator = byName.get('fc-c')?.results.find((r) => r.check === 'component.operator.ready');
    expect(operator?.status).toBe('fail');
    expect(report?.sweep.status).toBe('fail');
    expect(report?.meshPairs.map((p) => [p.a, p.b])).toEqual([['fc-a', 'fc-b']]);
    const business = byName.get('fc-b')?.results.filter((r) => r.check.startsWith('business.'));
    expect(business?.every((r) => r.status === 'skip')).toBe(true);
  });

  it('a redelivered message replaces the run instead of adding one', async () => {
    const store = await lambdaStore();
    const before = await store.clusterHistory('fc-a', {});
    const res = await handler(recorded('sqs-check-cluster-redelivery.json'), context);
    expect(res.batchItemFailures).toEqual([]);
    const after = await store.clusterHistory('fc-a', {});
    expect(after?.items).toHaveLength(before?.items.length ?? -1);
    const report = await store.sweep(SWEEP);
    expect(report?.clusters.filter((c) => c.name === 'fc-a')).toHaveLength(1);
    expect(report?.clusters).toHaveLength(3);
  });

  it('an unreachable cluster is a stored error run, not a batch failure', async () => {
    const event = recorded('sqs-check-cluster-redelivery.json') as { Records: { body: string }[] };
    const record = event.Records[0];
    if (!record) throw new Error('fixture has no record');
    const msg = JSON.parse(record.body) as { target: { source: { context: string } } };
    msg.target.source.context = 'no-such-context';
    record.body = JSON.stringify(msg);
    const res = await handler(event, context);
    expect(res.batchItemFailures).toEqual([]);
    const fcA = (await (await lambdaStore()).sweep(SWEEP))?.clusters.find((c) => c.name === 'fc-a');
    expect(fcA?.status).toBe('error');
    expect(fcA?.error?.code).toBe('invalid-input');
  });

  it('rejects an event that is not an SQS batch', async () => {
    await expect(handler({}, context)).rejects.toThrow();
  });
});

function tryJson(text: string): string {
  try {
    JSON.parse(text);
    return text;
  } catch {
    return 'null';
  }
}
