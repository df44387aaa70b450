import { describe, expect, it } from 'vitest';
import { defaultCheckSettings } from '../../core/checks/check.ts';
import { clusterChecksRunner } from '../../core/checks/run.ts';
import { runCluster } from '../../core/sweep/run-cluster.ts';
import type { Span } from '../../core/sweep/timings.ts';
import { apiError, FakeClusterApi, fakeTarget } from '../fixtures/fake-cluster-api.ts';
import { virtualClock } from '../fixtures/virtual-clock.ts';

/** Lets pending promise callbacks and I/O callbacks run, `rounds` times over. */
async function settle(rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

const end = (s: Span) => s.startMs + s.durationMs;

describe('one cluster run: what starts when, and the timings it reports', () => {
  it('starts the probe Job (and the reads the agent execs need) before the first read answers', async () => {
    const api = new FakeClusterApi('1.16');
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const listNodes = api.listNodes.bind(api);
    api.listNodes = async () => {
      await gate;
      return listNodes();
    };
    const running = clusterChecksRunner({ clock: virtualClock() })(
      api,
      fakeTarget(api),
      defaultCheckSettings,
      new AbortController().signal,
    );
    await settle();
    expect(api.calls).toContain('createJob');
    expect(api.calls).toEqual(expect.arrayContaining(['listPods', 'getDaemonSet']));
    release();
    const run = await running;
    expect(run.results.filter((r) => r.check.startsWith('business.')).map((r) => r.status)).toEqual([
      'pass',
      'pass',
    ]);
  });

  it('carries api, exec, job and check spans; each outcome carries its check duration', async () => {
    const api = new FakeClusterApi('1.16');
    const run = await clusterChecksRunner({ clock: virtualClock({ tickMs: 1 }) })(
      api,
      fakeTarget(api),
      defaultCheckSettings,
      new AbortController().signal,
    );
    const spans = run.timings?.spans ?? [];
    expect(new Set(spans.map((s) => s.kind))).toEqual(new Set(['api', 'exec', 'job', 'check']));
    expect(spans.map((s) => s.startMs)).toEqual([...spans.map((s) => s.startMs)].sort((a, b) => a - b));
    const job = spans.find((s) => s.kind === 'job');
    const nodes = spans.find((s) => s.name === 'list nodes');
    expect(job && nodes && job.startMs < end(nodes)).toBe(true);
    expect(spans.filter((s) => s.kind === 'exec').map((s) => s.name)).toEqual([
      'agent status × 3',
      'cilium-health status × 3',
    ]);
    const checks = new Map(spans.filter((s) => s.kind === 'check').map((s) => [s.name, s]));
    expect(run.results.length).toBeGreaterThan(0);
    for (const r of run.results) {
      expect(r.durationMs).toBeGreaterThan(0);
      expect(checks.has(r.check)).toBe(true);
    }
  });

  it('an unreachable cluster still reports what it tried, after the probe Job it started has settled', async () => {
    const api = new FakeClusterApi('1.16');
    api.throwOn.set('listNodes', apiError('unreachable', 'list', 'nodes'));
    api.throwOn.set('listJobs', apiError('unreachable', 'list', 'jobs'));
    api.throwOn.set('getConfigMap', apiError('unreachable', 'get', 'configmaps'));
    const run = await clusterChecksRunner({ clock: virtualClock({ tickMs: 1 }) })(
      api,
      fakeTarget(api),
      defaultCheckSettings,
      new AbortController().signal,
    );
    expect(run.error?.code).toBe('unreachable');
    expect(api.calls).not.toContain('createJob');
    expect(run.timings?.spans.map((s) => s.name)).toEqual(
      expect.arrayContaining(['list nodes', 'business probe Job']),
    );
  });

  it('the cluster report puts a connect span first and shifts the check run by the connect time', async () => {
    const api = new FakeClusterApi('1.16');
    let t = 1000;
    const now = () => t;
    const target = fakeTarget(api, {
      connect: async () => {
        t += 40;
        return api;
      },
    });
    const report = await runCluster(target, defaultCheckSettings, {
      deadlineMs: 60_000,
      now,
      runChecks: async (_api, tg) => ({
        name: tg.name,
        results: [],
        labels: {},
        provider: 'eks',
        timings: { spans: [{ kind: 'api', name: 'list nodes', startMs: 2, durationMs: 20 }] },
      }),
    });
    expect(report.timings?.spans).toEqual([
      { kind: 'connect', name: 'connect', startMs: 0, durationMs: 40 },
      { kind: 'api', name: 'list nodes', startMs: 42, durationMs: 20 },
    ]);
  });
});
