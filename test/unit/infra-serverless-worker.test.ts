import { describe, expect, it } from 'vitest';
import { defaultCheckSettings } from '../../core/checks/check.ts';
import type { ClusterTarget } from '../../core/fleet/target.ts';
import type { ClusterApi } from '../../core/kube/cluster-api.ts';
import { checkBatch } from '../../core/serverless/batch.ts';
import type { SweepRecorder } from '../../core/serverless/ports.ts';
import {
  type CheckClusterMessage,
  parseCheckClusterMessage,
  toQueuedTarget,
} from '../../core/sweep/queue-message.ts';
import type { ClusterReport } from '../../core/sweep/report.ts';

/** An in-memory SweepRecorder: runs keyed by (sweep, cluster), like the real store. */
function memoryStore(opts: { failSaves?: string[] } = {}) {
  const runs = new Map<string, Map<string, ClusterReport>>();
  const finished: string[] = [];
  const planned = new Map<string, number>();
  const claimed = new Set<string>();
  const store: SweepRecorder = {
    createSweep: async (s) => {
      runs.set(s.id, new Map());
      planned.set(s.id, s.clusters.length);
    },
    saveClusterRun: async (id, run) => {
      if (opts.failSaves?.includes(run.name)) throw new Error('database is locked');
      if (!runs.has(id)) runs.set(id, new Map());
      runs.get(id)?.set(run.name, run);
      return { landed: runs.get(id)?.size ?? 0, planned: planned.get(id) ?? 0 };
    },
    releaseLease: async () => undefined,
    claimFinish: async (id) => {
      if (claimed.has(id)) return false;
      claimed.add(id);
      return true;
    },
    sweep: async (id) => {
      const r = runs.get(id);
      if (!r) return null;
      const clusters = [...r.values()];
      return {
        sweep: { id, startedAt: '2026-11-23T06:00:00.000Z', finishedAt: '', status: 'pass' },
        clusters,
        meshPairs: [],
      };
    },
    sweepRuns: async (id) => {
      const r = runs.get(id);
      if (!r) return null;
      return { id, startedAt: '2026-11-23T06:00:00.000Z', planned: [], clusters: [...r.values()] };
    },
    recordFinished: async (report, o) => {
      finished.push(report.sweep.id);
      for (const run of o.runs) runs.get(report.sweep.id)?.set(run.name, run);
    },
    sweeps: async () => ({ items: [] }),
  };
  return { store, runs, finished };
}

const target = (name: string): ClusterTarget => ({
  name,
  provider: 'eks',
  region: 'eu-west-1',
  labels: { team: 'net' },
  expectedPeers: ['peer-1'],
  probeTargets: [{ target: 'db.internal:5432', name: 'db' }],
  overrides: { sampleAgents: 2, businessEvery: 4 },
  source: { kind: 'eks', region: 'eu-west-1', clusterName: `${name}-eks` },
  connect: async () => ({}) as ClusterApi,
});

const message = (cluster: string, total: number): CheckClusterMessage => ({
  v: 1,
  sweepId: 'sw_1',
  cluster,
  target: toQueuedTarget(target(cluster)),
  settings: { ...defaultCheckSettings, runBusiness: false },
  total,
  deadlineMs: 5_000,
  attempt: 1,
});

const passing = async (_api: ClusterApi, t: ClusterTarget) => ({
  name: t.name,
  results: [{ check: 'component.agent.rollout', subject: 'cluster', status: 'pass' as const, message: 'ok' }],
});

describe('queue message', () => {
  it('round-trips a target through JSON without its connect function', () => {
    const parsed = parseCheckClusterMessage(JSON.stringify(message('a', 1)));
    expect(parsed.target).toEqual({
      name: 'a',
      provider: 'eks',
      region: 'eu-west-1',
      labels: { team: 'net' },
      expectedPeers: ['peer-1'],
      probeTargets: [{ target: 'db.internal:5432', name: 'db' }],
      overrides: { sampleAgents: 2, businessEvery: 4 },
      source: { kind: 'eks', region: 'eu-west-1', clusterName: 'a-eks' },
    });
  });

  it('rejects other versions and incomplete settings', () => {
    expect(() => parseCheckClusterMessage(JSON.stringify({ ...message('a', 1), v: 2 }))).toThrow();
    const { settings, ...rest } = message('a', 1);
    expect(() =>
      parseCheckClusterMessage(JSON.stringify({ ...rest, settings: { layers: settings.layers } })),
    ).toThrow();
  });
});

describe('checkBatch', () => {
  it('fails only the records that are invalid or cannot be saved, and finishes with the last run', async () => {
    const { store, runs, finished } = memoryStore({ failSaves: ['c'] });
    const res = await checkBatch(
      [
        { id: '1', body: JSON.stringify(message('a', 2)) },
        { id: '2', body: '{"v":1}' },
        { id: '3', body: JSON.stringify(message('b', 2)) },
        { id: '4', body: JSON.stringify(message('c', 2)) },
      ],
      { store, connect: async () => ({}) as ClusterApi, runChecks: passing },
    );
    expect(res.failed.map((f) => f.id).sort()).toEqual(['2', '4']);
    expect(res.failed.find((f) => f.id === '2')?.reason).toMatch(/^invalid message: /);
    expect([...(runs.get('sw_1')?.keys() ?? [])].sort()).toEqual(['a', 'b']);
    expect(finished.length).toBeGreaterThanOrEqual(1);
    expect(
      runs
        .get('sw_1')
        ?.get('a')
        ?.results.filter((r) => r.check.startsWith('business.')),
    ).toHaveLength(2);
  });

  it('stores a cluster whose connect throws as an error run, without failing the record', async () => {
    const { store, runs } = memoryStore();
    const res = await checkBatch([{ id: '1', body: JSON.stringify(message('a', 3)) }], {
      store,
      connect: async () => {
        throw new Error('getaddrinfo ENOTFOUND');
      },
      runChecks: passing,
    });
    expect(res.failed).toEqual([]);
    expect(runs.get('sw_1')?.get('a')).toMatchObject({
      status: 'error',
      error: { message: expect.stringMatching(/ENOTFOUND/) },
    });
  });
});
