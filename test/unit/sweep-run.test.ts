import { describe, expect, it } from 'vitest';
import { FleetcheckError } from '../../core/errors.ts';
import type { Outcome } from '../../core/outcome.ts';
import { sweepReportSchema } from '../../core/sweep/report.ts';
import { runSweep, type SweepProgress } from '../../core/sweep/run-sweep.ts';
import { closedApis, fakeRun, fakeRunner, fakeTarget, result } from './sweep-fakes.ts';

/** A run that only ends by rejecting when `signal` aborts (at once if it already has), like a well-behaved runner. */
const never = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason));
  });

describe('runSweep', () => {
  it('emits the issue-4 report shape with clusters in fleet order', async () => {
    const names = ['c', 'a', 'b'];
    const { runChecks } = fakeRunner({});
    const report = await runSweep({ targets: names.map((n) => fakeTarget(n)), runChecks });
    expect(sweepReportSchema.parse(report)).toEqual(report);
    expect(report.clusters.map((c) => c.name)).toEqual(names);
    expect(report.sweep.id).toMatch(/^sw_\d{8}T\d{6}Z_[0-9a-f]{4}$/);
    expect(Date.parse(report.sweep.finishedAt)).toBeGreaterThanOrEqual(Date.parse(report.sweep.startedAt));
    expect(report.sweep.status).toBe('pass');
  });

  it('keeps the cluster concurrency within the limit', async () => {
    const { runChecks, peak } = fakeRunner({});
    const targets = Array.from({ length: 20 }, (_, i) => fakeTarget(`c${i}`));
    const report = await runSweep({ targets, runChecks, clusterConcurrency: 3 });
    expect(report.clusters).toHaveLength(20);
    expect(peak()).toBeLessThanOrEqual(3);
    expect(peak()).toBeGreaterThan(1);
  });

  it('turns a connect failure into an error cluster without stopping the sweep', async () => {
    const down = new FleetcheckError('unreachable', 'connect ECONNREFUSED 127.0.0.1:1');
    const { runChecks } = fakeRunner({});
    const report = await runSweep({
      targets: [fakeTarget('up'), fakeTarget('down', {}, down)],
      runChecks,
    });
    const [up, bad] = report.clusters;
    expect(up?.status).toBe('pass');
    expect(bad?.status).toBe('error');
    expect(bad?.error).toEqual({ code: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:1' });
    expect(report.sweep.status).toBe('error');
  });

  it('closes each connected cluster client once its checks end, also when they throw', async () => {
    const { runChecks } = fakeRunner({
      boom: async () => {
        throw new Error('runner bug');
      },
    });
    closedApis.length = 0;
    const down = fakeTarget('down', {}, new FleetcheckError('unreachable', 'refused'));
    const report = await runSweep({ targets: [fakeTarget('ok'), fakeTarget('boom'), down], runChecks });
    expect(report.clusters.map((c) => c.status)).toEqual(['pass', 'error', 'error']);
    expect([...closedApis].sort()).toEqual(['boom', 'ok']);
  });

  it('gives a timeout error when connect() itself hangs', async () => {
    const { runChecks } = fakeRunner({});
    const stuck = fakeTarget('stuck', { connect: () => new Promise(() => {}) });
    const report = await runSweep({ targets: [stuck], runChecks, clusterDeadlineMs: 20 });
    expect(report.clusters[0]).toMatchObject({ status: 'error', error: { code: 'timeout' }, results: [] });
  });

  it('keeps results reported before a deadline when the runner never returns', async () => {
    const { runChecks } = fakeRunner({
      slow: async (signal, onResult) => {
        onResult?.(result('component.agent.rollout', 'pass'));
        onResult?.(result('node.endpoints.state', 'warn'));
        return never(signal);
      },
    });
    const report = await runSweep({
      targets: [fakeTarget('slow'), fakeTarget('fast')],
      runChecks,
      clusterDeadlineMs: 50,
      settings: undefined,
    });
    const slow = report.clusters[0]!;
    expect(slow.status).toBe('error');
    expect(slow.error?.code).toBe('timeout');
    expect(slow.results.map((r) => r.check)).toEqual(['component.agent.rollout', 'node.endpoints.state']);
    expect(report.clusters[1]?.status).toBe('pass');
  });

  it('uses what a runner returns after its deadline aborts it', async () => {
    const { runChecks } = fakeRunner({
      hang: async (signal) => {
        await new Promise((r) => signal.addEventListener('abort', r));
        return fakeRun('hang', { results: [result('component.agent.status', 'error', 'node-1')] });
      },
    });
    const report = await runSweep({ targets: [fakeTarget('hang')], runChecks, clusterDeadlineMs: 30 });
    const c = report.clusters[0]!;
    expect(c.error?.code).toBe('timeout');
    expect(c.ciliumVersion).toBe('1.16.5');
    expect(c.results.filter((r) => r.check === 'component.agent.status')).toHaveLength(1);
  });

  it('folds statuses: fail beats error beats warn, skips ignored', async () => {
    const runs: Record<string, Outcome[]> = {
      f: [result('a', 'error'), result('b', 'fail'), result('c', 'warn')],
      e: [result('a', 'error'), result('c', 'warn'), result('d', 'pass')],
      w: [result('c', 'warn'), result('d', 'skip')],
      p: [result('d', 'pass'), result('x', 'skip')],
    };
    const { runChecks } = fakeRunner(
      Object.fromEntries(Object.entries(runs).map(([n, results]) => [n, fakeRun(n, { results })])),
    );
    const report = await runSweep({ targets: Object.keys(runs).map((n) => fakeTarget(n)), runChecks });
    expect(report.clusters.map((c) => c.status)).toEqual(['fail', 'error', 'warn', 'pass']);
    expect(report.sweep.status).toBe('fail');
  });

  it('reports progress after each cluster with running failure counts', async () => {
    const { runChecks } = fakeRunner({ bad: fakeRun('bad', { results: [result('a', 'fail')] }) });
    const seen: SweepProgress[] = [];
    await runSweep({
      targets: ['ok', 'bad', 'ok2'].map((n) => fakeTarget(n)),
      runChecks,
      clusterConcurrency: 1,
      onProgress: (p) => seen.push(p),
    });
    expect(seen.map((p) => [p.done, p.total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(seen.at(-1)?.failing).toBe(1);
  });

  it('passes per-cluster overrides to the runner and skips business checks on quick sweeps', async () => {
    const { runChecks, seen } = fakeRunner({});
    const report = await runSweep({
      targets: [fakeTarget('q', { overrides: { businessEvery: 3, sampleAgents: 1 } }), fakeTarget('t')],
      runChecks,
      sweepIndex: 4,
    });
    expect(seen.get('q')?.runBusiness).toBe(false);
    expect(seen.get('q')?.sampleAgents).toBe(1);
    expect(seen.get('t')?.runBusiness).toBe(true);
    const skips = report.clusters[0]!.results.filter((r) => r.check.startsWith('business.'));
    expect(skips.map((r) => [r.check, r.status])).toEqual([
      ['business.dns.resolve', 'skip'],
      ['business.service.reach', 'skip'],
    ]);
    expect(skips[0]?.message).toContain('quick sweep');
    expect(report.clusters[1]!.results.some((r) => r.check.startsWith('business.'))).toBe(false);
  });

  it('stops waiting for clusters when the sweep is aborted and leaves the unfinished ones out', async () => {
    const controller = new AbortController();
    const { runChecks } = fakeRunner({ hang: async (signal) => never(signal) });
    const report = await runSweep({
      targets: [fakeTarget('done'), fakeTarget('hang')],
      runChecks,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.cluster.name === 'done') controller.abort(new FleetcheckError('timeout', 'sweep cancelled'));
      },
    });
    expect(report.clusters.map((c) => [c.name, c.status, c.error])).toEqual([['done', 'pass', undefined]]);
  });
});
