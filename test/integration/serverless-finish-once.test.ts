import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCheckSettings } from '../../core/checks/check.ts';
import type { ClusterTarget } from '../../core/fleet/target.ts';
import type { History } from '../../core/history/history.ts';
import { createHistory } from '../../core/history/service.ts';
import { historySettings } from '../../core/history/settings.ts';
import type { ClusterApi } from '../../core/kube/cluster-api.ts';
import { checkBatch } from '../../core/serverless/batch.ts';
import { type CheckClusterMessage, toQueuedTarget } from '../../core/sweep/queue-message.ts';
import type { SweepReport } from '../../core/sweep/report.ts';
import { openLibsqlStore } from '../../db/libsql-store.ts';

/** The worker's finishing on the real store (libSQL file): counted, claimed once, never re-run by redelivery. */
const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-finish-'));
const SWEEP = 'sw_20261123T060000Z_f1n1';
let store: History;
const finished: SweepReport[] = [];

const target = (name: string): ClusterTarget => ({
  name,
  provider: 'eks',
  region: 'eu-west-1',
  labels: {},
  expectedPeers: [],
  probeTargets: [],
  overrides: {},
  source: { kind: 'eks', region: 'eu-west-1', clusterName: name },
  connect: async () => ({}) as ClusterApi,
});

const message = (cluster: string, expiresAt?: string): string =>
  JSON.stringify({
    v: 1,
    sweepId: SWEEP,
    cluster,
    target: toQueuedTarget(target(cluster)),
    settings: { ...defaultCheckSettings, layers: ['component'], runBusiness: false },
    total: 3,
    deadlineMs: 5_000,
    ...(expiresAt ? { expiresAt } : {}),
    attempt: 1,
  } satisfies CheckClusterMessage);

const opts = () => ({
  store,
  connect: async () => ({}) as ClusterApi,
  runChecks: async (_api: ClusterApi, t: ClusterTarget) => ({
    name: t.name,
    results: [
      { check: 'component.agent.rollout', subject: 'cluster', status: 'pass' as const, message: 'ok' },
    ],
  }),
  onFinished: async (r: SweepReport) => {
    finished.push(r);
  },
});

beforeAll(async () => {
  store = createHistory(await openLibsqlStore(`libsql:file:${join(dir, 'h.db')}`), historySettings());
  await store.createSweep({ id: SWEEP, startedAt: '2026-11-23T06:00:00.000Z', clusters: ['a', 'b', 'c'] });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('finishing a queued sweep', () => {
  it('the run that completes the sweep finishes it exactly once, even when the last two land together', async () => {
    const first = await checkBatch([{ id: '1', body: message('a') }], opts());
    expect(first.checked[0]?.finished).toBe(false);
    const last = await Promise.all([
      checkBatch([{ id: '2', body: message('b') }], opts()),
      checkBatch([{ id: '3', body: message('c') }], opts()),
    ]);
    expect(last.flatMap((r) => r.checked).filter((c) => c.finished)).toHaveLength(1);
    expect(finished.map((r) => r.sweep.id)).toEqual([SWEEP]);
    expect((await store.sweep(SWEEP))?.sweep.finishedAt).toBeDefined();
  });

  it('a redelivered run after the finish replaces its row and finishes nothing again', async () => {
    const before = await store.sweep(SWEEP);
    const again = await checkBatch([{ id: '4', body: message('b') }], opts());
    expect(again.checked[0]?.finished).toBe(false);
    expect(finished).toHaveLength(1);
    const after = await store.sweep(SWEEP);
    expect(after?.clusters.map((c) => c.name).sort()).toEqual(['a', 'b', 'c']);
    expect(after?.sweep.finishedAt).toBe(before?.sweep.finishedAt);
  });

  it('a message past its sweep deadline is dropped unrun, not failed', async () => {
    const late = await checkBatch([{ id: '5', body: message('d', '2026-11-23T06:30:00.000Z') }], {
      ...opts(),
      now: () => new Date('2026-11-23T06:31:00.000Z'),
    });
    expect(late.failed).toEqual([]);
    expect(late.checked).toEqual([]);
    expect(late.expired).toEqual([
      { id: '5', sweepId: SWEEP, cluster: 'd', expiresAt: '2026-11-23T06:30:00.000Z' },
    ]);
    expect((await store.sweep(SWEEP))?.clusters.map((c) => c.name)).not.toContain('d');
  });
});
