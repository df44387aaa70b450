import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageBatchCommand, type SendMessageBatchCommandInput, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { History } from '../../core/history/history.ts';
import type { PlanResult } from '../../core/serverless/plan.ts';
import { type CheckClusterMessage, checkClusterMessageSchema } from '../../core/sweep/queue-message.ts';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/fleetcheck-prod-CheckQueueQueue-kfmzxbnd';
const ROLE = 'arn:aws:iam::210987654321:role/fleetcheck-spoke';
const names = Array.from({ length: 23 }, (_, i) => `kc-${String(i + 1).padStart(2, '0')}`);

/** What an sst.aws.Cron target receives: its fixed input `JSON.stringify(event || {})` (SST 4.17.1 cron.ts). */
const SST_CRON_INPUT = {};
const OLD = 'sw_20261123T040000Z_0ld1';
const RECENT = 'sw_20261123T055000Z_rec2';

/** An open sweep started `ageMs` ago with one of its two clusters reported. */
async function openSweep(id: string, ageMs: number) {
  await store.createSweep({
    id,
    startedAt: new Date(Date.now() - ageMs).toISOString(),
    clusters: ['kc-01', 'kc-02'],
  });
  await store.saveClusterRun(id, {
    name: 'kc-01',
    status: 'pass',
    durationMs: 10,
    results: [{ check: 'component.agent.rollout', subject: 'cluster', status: 'pass', message: 'ok' }],
  });
}

const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-plan-'));
const sqs = mockClient(SQSClient);
const calls: SendMessageBatchCommandInput[] = [];
let result: PlanResult;
let store: History;
let closeStore: () => Promise<void>;

function writeFleet(): string {
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      ...names.map((n) => `  - { name: ${n}, cluster: { server: "https://127.0.0.1:9" } }`),
      'users: [{ name: u, user: { token: t } }]',
      'contexts:',
      ...names.map((n) => `  - { name: ${n}, context: { cluster: ${n}, user: u } }`),
    ].join('\n'),
  );
  const fleet = join(dir, 'fleet.yaml');
  writeFileSync(
    fleet,
    [
      'version: 1',
      'defaults: { businessEvery: 3 }',
      'clusters:',
      ...names.map(
        (n) => `  - { name: ${n}, kubeconfig: "${kubeconfig}", context: ${n}, labels: { tier: t1 } }`,
      ),
      `  - { name: eks-prod, eks: { region: eu-west-1, name: prod, roleArn: "${ROLE}" }, meshGroup: g1 }`,
    ].join('\n'),
  );
  return fleet;
}

beforeAll(async () => {
  vi.stubEnv('FLEETCHECK_FLEET', writeFleet());
  vi.stubEnv('FLEETCHECK_DB', join(dir, 'fleetcheck.db'));
  vi.stubEnv('SST_RESOURCE_CheckQueue', JSON.stringify({ url: QUEUE_URL }));
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  // As deployed: the Migrator runs once (infra/migrations.ts) before any other function opens the store.
  await (await import('../../functions/migrate/index.ts')).handler();
  let first = true;
  sqs.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommandInput) => {
    calls.push(input);
    const ids = (input.Entries ?? []).map((e) => e.Id ?? '');
    if (!first) return { Successful: ids.map((Id) => ({ Id })), Failed: [] };
    first = false;
    const failed = [
      { Id: 'm3', Code: 'InternalError', SenderFault: false, Message: 'try again' },
      { Id: 'm5', Code: 'InvalidMessageContents', SenderFault: true, Message: 'rejected' },
    ];
    return { Successful: ids.filter((i) => i !== 'm3' && i !== 'm5').map((Id) => ({ Id })), Failed: failed };
  });
  const { handler } = await import('../../functions/cron/plan-sweep.ts');
  const stores = await import('../../functions/store.ts');
  closeStore = stores.closeLambdaStore;
  store = await stores.lambdaStore();
  await openSweep(OLD, 2 * 3_600_000);
  await openSweep(RECENT, 10 * 60_000);
  result = await handler(SST_CRON_INPUT);
});

afterAll(async () => {
  await closeStore?.();
  sqs.restore();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const bodies = (input: SendMessageBatchCommandInput): CheckClusterMessage[] =>
  (input.Entries ?? []).map((e) => checkClusterMessageSchema.parse(JSON.parse(e.MessageBody ?? '')));

describe('functions/cron/plan-sweep', () => {
  it('sends one valid message per cluster to the linked queue, in chunks of at most 10', () => {
    expect(calls.every((c) => c.QueueUrl === QUEUE_URL)).toBe(true);
    expect(calls.map((c) => c.Entries?.length)).toEqual([10, 10, 4, 1]);
    const firstRound = calls.slice(0, 3).flatMap(bodies);
    expect(firstRound.map((m) => m.cluster)).toEqual([...names, 'eks-prod']);
    for (const m of firstRound) {
      expect(m).toMatchObject({ v: 1, sweepId: result.sweepId, total: 24, attempt: 1 });
      expect(m.target.name).toBe(m.cluster);
    }
  });

  it('re-sends entries SQS failed on its side with the attempt counted up, but not sender faults', () => {
    const [retried] = calls.slice(3).flatMap(bodies);
    expect(retried).toMatchObject({ cluster: names[3], attempt: 2 });
    expect(result.queued).toBe(23);
    expect(result.failed).toEqual([
      { cluster: names[5], code: 'InvalidMessageContents', message: 'rejected' },
    ]);
  });

  it('records the sweep with every planned cluster and an error run for the one that could not be queued', async () => {
    const report = await store.sweep(result.sweepId);
    expect(report?.clusters.map((c) => c.name)).toEqual([names[5]]);
    expect(report?.clusters[0]).toMatchObject({ status: 'error', error: { code: 'internal' } });
    expect(result.finished).toBe(false);
    expect(result.clusters).toHaveLength(24);
  });

  it('carries serialisable sources, labels and effective settings', () => {
    const all = calls.slice(0, 3).flatMap(bodies);
    const eks = all.find((m) => m.cluster === 'eks-prod');
    expect(eks?.target.source).toEqual({
      kind: 'eks',
      region: 'eu-west-1',
      clusterName: 'prod',
      roleArn: ROLE,
    });
    expect(eks?.target.meshGroup).toBe('g1');
    const kc = all.find((m) => m.cluster === 'kc-01');
    expect(kc?.target.source).toMatchObject({ kind: 'kubeconfig', context: 'kc-01' });
    expect(kc?.target.labels.tier).toBe('t1');
    // Quick vs thorough: the fleet default businessEvery 3 applies to sweep k = floor(start / 5 min).
    const m = /^sw_(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z_/.exec(result.sweepId);
    const started = Date.parse(`${m?.[1]}-${m?.[2]}-${m?.[3]}T${m?.[4]}:${m?.[5]}:${m?.[6]}Z`);
    const thorough = Math.floor(started / 300_000) % 3 === 0;
    expect(all.every((x) => x.settings.runBusiness === thorough)).toBe(true);
    expect(kc?.target.overrides.businessEvery).toBe(3);
  });

  it('plans a retried invocation in the same 5-minute slot once: nothing is queued twice', async () => {
    const { createPlanSweepHandler } = await import('../../functions/cron/plan-sweep.ts');
    const { plannerDeps } = await import('../../functions/planner-deps.ts');
    const sent = calls.length;
    const at = new Date(Date.parse('2026-11-23T06:02:10Z'));
    const plan = createPlanSweepHandler(plannerDeps, () => at);
    const first = await plan(SST_CRON_INPUT);
    const again = await plan(SST_CRON_INPUT);
    expect(first.sweepId).toBe('sw_20261123T060000Z_cron');
    expect(first.queued).toBe(24);
    expect(again).toMatchObject({ sweepId: first.sweepId, duplicate: true, queued: 0 });
    expect(calls.slice(sent).flatMap(bodies)).toHaveLength(24);
  });

  it('refuses a scheduled event in place of the Cron input', async () => {
    const { handler } = await import('../../functions/cron/plan-sweep.ts');
    await expect(handler({ 'detail-type': 'Scheduled Event', source: 'aws.events' })).rejects.toThrow();
  });

  it('closes sweeps abandoned past their deadline (dead-lettered clusters count as error), not recent ones', async () => {
    expect(result.closedAbandoned).toEqual([OLD]);
    const old = await store.sweep(OLD);
    expect(old?.sweep.status).toBe('error');
    const open = (await store.sweeps({ limit: 10 })).items.find((i) => i.id === RECENT);
    expect(open?.finishedAt).toBeUndefined();
  });
});
