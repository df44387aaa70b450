import { describe, expect, it } from 'vitest';
import type { ClusterRun } from '../../core/checks/check.ts';
import { assembleSweepReport } from '../../core/sweep/assemble.ts';
import { runSweep } from '../../core/sweep/run-sweep.ts';
import { fakeRun, fakeRunner, fakeTarget, result, view } from './sweep-fakes.ts';

async function sweep(runs: Record<string, ClusterRun>, extraTargets: string[] = []) {
  const { runChecks } = fakeRunner(runs);
  const targets = [...Object.keys(runs), ...extraTargets].map((n) => fakeTarget(n));
  return runSweep({ targets, runChecks });
}

const meshed = (name: string, id: number, peers: [string, boolean][], extra: Partial<ClusterRun> = {}) =>
  fakeRun(name, { clusterId: id, mesh: peers.map(([p, ready]) => view(p, ready)), ...extra });

function outcomesOf(report: Awaited<ReturnType<typeof sweep>>, cluster: string, check: string) {
  return report.clusters.find((c) => c.name === cluster)?.results.filter((r) => r.check === check) ?? [];
}

describe('mesh pairs', () => {
  it('passes a pair whose sides see each other', async () => {
    const r = await sweep({ a: meshed('a', 1, [['b', true]]), b: meshed('b', 2, [['a', true]]) });
    expect(r.meshPairs).toEqual([
      { a: 'a', b: 'b', status: 'pass', aSeesB: true, bSeesA: true, message: 'a and b see each other' },
    ]);
  });

  it('treats an expected peer named by fleet name as the peer its cluster-name names (no phantom fail)', async () => {
    const alias = view('prod-b', false, { agentsReporting: 0 });
    const r = await sweep({
      'prod-a': meshed('prod-a', 1, [['b', true]], {
        config: { 'cluster-name': 'a' },
        mesh: [alias, view('b', true)],
        results: [
          result('mesh.peer.connected', 'fail', 'prod-b'),
          result('mesh.peer.connected', 'pass', 'b'),
        ],
      }),
      'prod-b': meshed('prod-b', 2, [['a', true]], { config: { 'cluster-name': 'b' } }),
    });
    expect(r.meshPairs).toEqual([
      expect.objectContaining({ a: 'prod-a', b: 'prod-b', status: 'pass', aSeesB: true, bSeesA: true }),
    ]);
    const a = r.clusters.find((c) => c.name === 'prod-a');
    expect(a?.mesh?.map((v) => v.peer)).toEqual(['b']);
    expect(outcomesOf(r, 'prod-a', 'mesh.peer.connected').map((o) => [o.subject, o.status])).toEqual([
      ['b', 'pass'],
    ]);
  });

  it('names the side that cannot see the other', async () => {
    const r = await sweep({
      east: meshed('east', 1, [['west', true]]),
      west: meshed('west', 2, [['east', false]], {
        mesh: [view('east', false, { message: 'remote cluster configuration required but not found' })],
      }),
    });
    const [pair] = r.meshPairs;
    expect(pair).toMatchObject({ a: 'east', b: 'west', status: 'warn', aSeesB: true, bSeesA: false });
    expect(pair?.message).toMatch(/^west cannot see east \(0\/3 sampled agents ready: remote cluster/);
    expect(pair?.message).toContain('east sees west');
    // The fake runs carry no failing mesh check, so the degraded pair alone sets the sweep's status.
    expect(r.sweep.status).toBe('warn');
  });

  it('reports a side that does not list its peer at all', async () => {
    const r = await sweep({ a: meshed('a', 1, [['b', true]]), b: meshed('b', 2, []) });
    expect(r.meshPairs[0]).toMatchObject({ status: 'warn', aSeesB: true, bSeesA: false });
    expect(r.meshPairs[0]?.message).toContain('b cannot see a (not in its clustermesh secret)');
  });

  it('fails a pair where neither side can see the other', async () => {
    const r = await sweep({ a: meshed('a', 1, [['b', false]]), b: meshed('b', 2, [['a', false]]) });
    expect(r.meshPairs[0]).toMatchObject({ status: 'fail', aSeesB: false, bSeesA: false });
    expect(r.meshPairs[0]?.message).toMatch(/^a cannot see b .*; b cannot see a /);
  });

  it('warns when a side sees its peer on only some agents', async () => {
    const r = await sweep({
      a: meshed('a', 1, [['b', true]]),
      b: fakeRun('b', { clusterId: 2, mesh: [view('a', false, { agentsReady: 2 })] }),
    });
    expect(r.meshPairs[0]).toMatchObject({ status: 'warn', bSeesA: false });
    expect(r.meshPairs[0]?.message).toContain('b sees a on only 2/3 sampled agents');
  });

  it('gives error when a side could not be evaluated', async () => {
    const r = await sweep({
      a: meshed('a', 1, [['b', true]]),
      b: fakeRun('b', { mesh: undefined, error: { code: 'unreachable', message: 'refused' } }),
    });
    expect(r.meshPairs[0]).toMatchObject({ status: 'error' });
    expect(r.meshPairs[0]?.message).toContain('b could not be evaluated (unreachable: refused)');
  });

  it('leaves peers outside the fleet to the per-cluster mesh check', async () => {
    const r = await sweep({ a: meshed('a', 1, [['ghost', false]]) });
    expect(r.meshPairs).toEqual([]);
  });
});

describe('config.mesh.identity across clusters', () => {
  it('fails a cluster-id clash inside one mesh, on both sides', async () => {
    const r = await sweep({
      a: meshed('a', 7, [['b', true]]),
      b: meshed('b', 7, [['a', true]]),
    });
    const onA = outcomesOf(r, 'a', 'config.mesh.identity');
    expect(onA).toEqual([expect.objectContaining({ status: 'fail', subject: 'b' })]);
    expect(onA[0]?.message).toContain('cluster-id 7 is also used by b in the same mesh');
    expect(onA[0]?.hint).toBeTruthy();
    expect(outcomesOf(r, 'b', 'config.mesh.identity')[0]).toMatchObject({ status: 'fail', subject: 'a' });
  });

  it('finds a clash across a chain a-b-c (same connected component)', async () => {
    const r = await sweep({
      a: meshed('a', 3, [['b', true]]),
      b: meshed('b', 4, [
        ['a', true],
        ['c', true],
      ]),
      c: meshed('c', 3, [['b', true]]),
    });
    expect(outcomesOf(r, 'a', 'config.mesh.identity')[0]).toMatchObject({ status: 'fail', subject: 'c' });
    expect(outcomesOf(r, 'b', 'config.mesh.identity')[0]).toMatchObject({ status: 'pass' });
  });

  it('ignores a shared cluster-id across different meshes and with unmeshed clusters', async () => {
    const r = await sweep({
      a: meshed('a', 5, [['b', true]]),
      b: meshed('b', 6, [['a', true]]),
      x: meshed('x', 5, [['y', true]]),
      y: meshed('y', 8, [['x', true]]),
      lone: fakeRun('lone', { clusterId: 5 }),
    });
    const onA = outcomesOf(r, 'a', 'config.mesh.identity');
    // Issue 9: a cluster-id clash counts only between clusters of the same mesh (formerly a warn here).
    expect(onA).toEqual([expect.objectContaining({ status: 'pass', subject: 'mesh' })]);
    expect(outcomesOf(r, 'lone', 'config.mesh.identity')).toEqual([]);
  });

  it('does not report cluster-id 0 twice as a clash (the per-cluster check fails it)', async () => {
    const r = await sweep({ a: meshed('a', 0, [['b', true]]), b: meshed('b', 0, [['a', true]]) });
    const onA = outcomesOf(r, 'a', 'config.mesh.identity');
    expect(onA).toEqual([expect.objectContaining({ status: 'pass', subject: 'mesh' })]);
  });

  it('merges an id clash and a name clash with the same cluster into one outcome', async () => {
    const r = await sweep({
      a: meshed('a', 4, [['b', true]], { config: { 'cluster-name': 'same' } }),
      b: meshed('b', 4, [['a', true]], { config: { 'cluster-name': 'same' } }),
    });
    const onA = outcomesOf(r, 'a', 'config.mesh.identity');
    expect(onA).toHaveLength(1);
    expect(onA[0]?.message).toMatch(/cluster-id 4 .*; cluster-name "same"/);
  });

  it('fails a secret key that differs from the peer actual cluster-name', async () => {
    const r = await sweep({
      a: meshed('a', 1, [['b', false]]),
      b: meshed('b', 2, [['a', true]], { config: { 'cluster-name': 'bravo' } }),
    });
    const found = outcomesOf(r, 'a', 'config.mesh.identity');
    expect(found[0]).toMatchObject({ status: 'fail', subject: 'b' });
    expect(found[0]?.message).toContain('"bravo"');
  });
});

describe('version.skew across mesh pairs', () => {
  const pair = (va: string, vb: string) =>
    sweep({
      a: meshed('a', 1, [['b', true]], { ciliumVersion: va }),
      b: meshed('b', 2, [['a', true]], { ciliumVersion: vb }),
    });

  it.each([
    ['1.16.5', '1.16.1', 'pass'],
    ['1.16.5', '1.17.0', 'pass'],
    ['1.14.9', '1.16.5', 'warn'],
    ['1.14.9', '1.18.0', 'fail'],
  ])('%s vs %s gives %s on both sides', async (va, vb, status) => {
    const r = await pair(va, vb);
    const onA = outcomesOf(r, 'a', 'version.skew');
    const onB = outcomesOf(r, 'b', 'version.skew');
    expect(onA).toEqual([expect.objectContaining({ status, subject: 'b' })]);
    expect(onB).toEqual([expect.objectContaining({ status, subject: 'a' })]);
    if (status !== 'pass') expect(onA[0]?.hint).toMatch(/one minor/);
  });

  it('skips when the peer version is unknown', async () => {
    const r = await sweep({
      a: meshed('a', 1, [['b', true]]),
      b: fakeRun('b', {
        ciliumVersion: undefined,
        mesh: undefined,
        error: { code: 'timeout', message: 't' },
      }),
    });
    expect(outcomesOf(r, 'a', 'version.skew')[0]?.status).toBe('skip');
  });
});

describe('assembleSweepReport', () => {
  it('replaces earlier cross-cluster outcomes when assembled again', async () => {
    const first = await sweep({ a: meshed('a', 7, [['b', true]]), b: meshed('b', 7, [['a', false]]) });
    const again = assembleSweepReport({ ...first.sweep, clusters: first.clusters });
    expect(again.clusters.map((c) => c.results.length)).toEqual(first.clusters.map((c) => c.results.length));
    expect(again.meshPairs).toEqual(first.meshPairs);
    expect(again.sweep.status).toBe('fail');
  });

  it('uses expected peers from the fleet when the secret lists none', () => {
    const c = (name: string) => ({ ...fakeRun(name, { mesh: [] }), status: 'pass' as const, durationMs: 1 });
    const r = assembleSweepReport({
      id: 'sw_x',
      startedAt: '2026-11-25T12:00:00.000Z',
      finishedAt: '2026-11-25T12:00:01.000Z',
      clusters: [c('a'), c('b')],
      expectedPeers: { a: ['b'] },
    });
    expect(r.meshPairs[0]).toMatchObject({ a: 'a', b: 'b', status: 'fail', aSeesB: false, bSeesA: false });
  });
});
