import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Faults, type FixtureCluster, fixtureRun, fixtureSweep } from '../../bench/history-fixtures.ts';
import { finishStoredSweep } from '../../core/history/finish.ts';
import type { History } from '../../core/history/history.ts';
import type { Status } from '../../core/outcome.ts';
import { openHistory } from '../../server/open-history.ts';
import { storeDrivers } from '../fixtures/store-drivers.ts';

const drivers = storeDrivers;

const pair: FixtureCluster[] = [
  { name: 'alpha', peers: ['beta'], clusterId: 1 },
  { name: 'beta', peers: ['alpha'], clusterId: 2 },
];
const t0 = new Date('2026-11-17T08:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe.each(drivers)('store on %s', (_driver, urlOf) => {
  let dir: string;
  let store: History;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fc-db-'));
    store = await openHistory(urlOf(dir), { intervalMs: 15 * 60_000 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a sweep exactly, idempotently, including a run with zero findings', async () => {
    const report = fixtureSweep('s1', at(0), pair, { alpha: { 'business.dns.resolve': 'fail' } });
    report.clusters.push({ name: 'empty', status: 'pass', durationMs: 3, results: [] });
    report.meshPairs.push({
      a: 'alpha',
      b: 'beta',
      status: 'pass',
      aSeesB: true,
      bSeesA: true,
      message: 'ok',
    });
    await store.saveSweep(report);
    await store.saveSweep(report);
    expect(await store.sweep('s1')).toEqual(report);
    const sweeps = await store.sweeps({});
    expect(sweeps.items).toHaveLength(1);
    expect(sweeps.items[0]?.clusters).toBe(3);
    const empty = await store.cluster('empty');
    expect(empty?.latestRun?.results).toEqual([]);
    expect(await store.cluster('nope')).toBeNull();
  });

  it('saveClusterRun replaces a redelivered run and finishSweep computes status and pairs', async () => {
    await store.createSweep({
      id: 'q1',
      startedAt: at(0).toISOString(),
      clusters: ['alpha', 'beta'],
      trigger: 'cron',
    });
    await store.saveClusterRun(
      'q1',
      fixtureRun(pair[0] as FixtureCluster, { 'component.agent.status': 'fail' }),
    );
    await store.saveClusterRun('q1', fixtureRun(pair[0] as FixtureCluster));
    await store.saveClusterRun('q1', fixtureRun(pair[1] as FixtureCluster, { 'peer:alpha': true }));
    const done = await finishStoredSweep(store, 'q1', at(1));
    if (!done) throw new Error('q1 not found');
    expect(done.clusters.map((c) => c.name).sort()).toEqual(['alpha', 'beta']);
    expect(done.clusters.find((c) => c.name === 'alpha')?.status).toBe('pass');
    expect(done.meshPairs).toHaveLength(1);
    expect(done.meshPairs[0]).toMatchObject({ a: 'alpha', b: 'beta', aSeesB: true, bSeesA: false });
    expect(done.meshPairs[0]?.status).not.toBe('pass');
    expect(done.sweep.status).toBe('fail');
    const hist = await store.clusterHistory('alpha', {});
    expect(hist?.items).toHaveLength(1);
  });

  it('scenario A then B gives exactly the regressions and recoveries between them', async () => {
    const a = fixtureSweep('A', at(0), pair, {
      alpha: { 'node.endpoints.state': 'warn' },
      beta: { 'business.service.reach': 'fail' },
    });
    const b = fixtureSweep('B', at(15), pair, {
      alpha: { 'node.endpoints.state': 'fail', 'config.kernel.version': 'error', 'peer:beta': true },
      beta: {},
    });
    await store.saveSweep(a);
    await store.saveSweep(b);
    const r = await store.regressions({ baseline: 'previous' });
    expect(r.baseline).toEqual({ sweepId: 'A', at: at(0).toISOString() });
    expect(r.current).toEqual({ sweepId: 'B', at: at(15).toISOString() });
    expect(r.regressions.map((x) => [x.cluster, x.check, x.subject, x.from, x.to])).toEqual([
      ['alpha', 'config.kernel.version', 'cluster', 'pass', 'error'],
      ['alpha', 'mesh.peer.connected', 'beta', 'pass', 'fail'],
      ['alpha', 'node.endpoints.state', 'cluster', 'warn', 'fail'],
    ]);
    expect(r.regressions.every((x) => x.hint)).toBe(true);
    expect(r.recoveries.map((x) => [x.cluster, x.check, x.subject, x.from, x.to])).toEqual([
      ['beta', 'business.service.reach', 'cluster', 'fail', 'pass'],
    ]);
    const byId = await store.regressions({ baseline: { sweepId: 'A' }, layer: 'mesh' });
    expect(byId.regressions.map((x) => x.check)).toEqual(['mesh.peer.connected']);
    const byTime = await store.regressions({ baseline: { at: at(5) }, cluster: 'beta' });
    expect(byTime.regressions).toEqual([]);
    expect(byTime.recoveries).toHaveLength(1);
  });

  it('an unreachable cluster is a regression; metric jumps beyond the baseline median are flagged', async () => {
    for (let i = 0; i < 4; i++) await store.saveSweep(fixtureSweep(`m${i}`, at(i * 15), pair));
    await store.saveSweep(
      fixtureSweep('m4', at(60), pair, { alpha: { unreachable: true }, beta: { rtt: 9, endpoints: 7 } }),
    );
    const r = await store.regressions({ baseline: 'previous' });
    expect(r.regressions.map((x) => [x.cluster, x.check, x.to])).toEqual([['alpha', 'cluster', 'error']]);
    expect(r.metricRegressions.map((m) => [m.cluster, m.metric, m.current])).toEqual([
      ['beta', 'endpoints_not_ready', 7],
      ['beta', 'health_rtt_p95_ms', 9],
    ]);
  });

  it('a fault toggled on and off is flapping; a steady fault is not', async () => {
    for (let i = 0; i < 6; i++) {
      const faults: Record<string, Faults> = {
        alpha: i % 2 ? { 'peer:beta': true } : {},
        beta: { 'component.hubble.ready': 'warn' as const },
      };
      await store.saveSweep(fixtureSweep(`f${i}`, at(i * 15), pair, faults));
    }
    const flaps = await store.flapping({ from: at(0), to: at(100) });
    expect(flaps.map((f) => [f.cluster, f.check, f.subject, f.changes])).toEqual([
      ['alpha', 'mesh.peer.connected', 'beta', 5],
    ]);
    expect(flaps[0]?.statuses).toEqual(['pass', 'fail', 'pass', 'fail', 'pass', 'fail']);
    expect(await store.flapping({ from: at(0), to: at(100), minChanges: 6 })).toEqual([]);
  });

  it('pass ↔ skip of the business checks on quick sweeps is not flapping; a change across a skip is', async () => {
    // alpha's business Job runs every other sweep; beta's fails once between skips (pass→skip→fail→skip→pass)
    const beta: Status[] = ['pass', 'skip', 'fail', 'skip', 'pass', 'skip'];
    for (let i = 0; i < 6; i++) {
      const faults: Record<string, Faults> = {
        alpha: i % 2 ? { 'business.dns.resolve': 'skip', 'business.service.reach': 'skip' } : {},
        beta: { 'business.dns.resolve': beta[i] ?? 'pass' },
      };
      await store.saveSweep(fixtureSweep(`q${i}`, at(i * 15), pair, faults));
    }
    expect(await store.flapping({ from: at(0), to: at(100), minChanges: 1 })).toEqual([
      {
        cluster: 'beta',
        check: 'business.dns.resolve',
        subject: 'cluster',
        changes: 2,
        statuses: ['pass', 'fail', 'pass'],
        lastChangeAt: at(60).toISOString(),
        lastStatus: 'pass',
      },
    ]);
    expect(await store.flapping({ from: at(0), to: at(100) })).toEqual([]);
  });

  it('list cursors that do not decode are invalid-input naming cursor, not a first page', async () => {
    await store.saveSweep(fixtureSweep('c0', at(0), pair));
    await store.saveSweep(fixtureSweep('c1', at(15), pair));
    const garbage = [
      'zzz',
      Buffer.from('[1,"x"').toString('base64url'),
      Buffer.from('7').toString('base64url'),
    ];
    for (const cursor of garbage) {
      for (const call of [
        () => store.clusters({ cursor }),
        () => store.sweeps({ cursor }),
        () => store.clusterHistory('alpha', { cursor }),
      ]) {
        await expect(call()).rejects.toMatchObject({
          code: 'invalid-input',
          message: expect.stringMatching(/^cursor: /),
        });
      }
    }
    const first = await store.sweeps({ limit: 1 });
    expect(first.nextCursor).toBeDefined();
    const next = await store.sweeps({ limit: 1, cursor: first.nextCursor });
    expect(next.items.map((s) => s.id)).toEqual(['c0']);
    const hist = await store.clusterHistory('alpha', { limit: 1 });
    const older = await store.clusterHistory('alpha', { limit: 1, cursor: hist?.nextCursor });
    expect(older?.items).toHaveLength(1);
    const names = await store.clusters({ limit: 1 });
    expect((await store.clusters({ limit: 1, cursor: names.nextCursor })).items.map((c) => c.name)).toEqual([
      'beta',
    ]);
  });

  it('mesh compare: one blind side is a degraded (warn) pair, two blind sides fail', async () => {
    const clusters: FixtureCluster[] = [
      { name: 'north', peers: ['south'], clusterId: 11, ciliumVersion: '1.17.2' },
      { name: 'south', peers: ['north'], clusterId: 12, ciliumVersion: '1.17.2' },
    ];
    await store.saveSweep(fixtureSweep('o1', at(0), clusters, { south: { 'peer:north': true } }));
    const one = await store.meshCompare('north', 'south');
    expect(one?.verdict.status).toBe('warn');
    expect(one?.verdict.problems.filter((p) => p.includes('cannot see'))).toEqual([
      expect.stringMatching(/^south cannot see north/),
    ]);
    const both = { north: { 'peer:south': true }, south: { 'peer:north': true } };
    await store.saveSweep(fixtureSweep('o2', at(15), clusters, both));
    expect((await store.meshCompare('north', 'south'))?.verdict.status).toBe('fail');
  });

  it('mesh compare names the side that lost its peer', async () => {
    const clusters: FixtureCluster[] = [
      { name: 'east', peers: ['west'], clusterId: 7, ciliumVersion: '1.16.3' },
      {
        name: 'west',
        peers: ['east'],
        clusterId: 7,
        ciliumVersion: '1.18.1',
        config: { 'routing-mode': 'native' },
      },
    ];
    await store.saveSweep(fixtureSweep('p1', at(0), clusters));
    const s = fixtureSweep('p2', at(15), clusters, { west: { 'peer:east': true } });
    await store.saveSweep(s);
    const cmp = await store.meshCompare('east', 'west');
    expect(cmp?.a.seesPeer).toBe(true);
    expect(cmp?.b.seesPeer).toBe(false);
    expect(cmp?.b.viewOfPeer?.lastFailure).toBeDefined();
    expect(cmp?.verdict.status).toBe('fail');
    expect(cmp?.verdict.problems.some((p) => p.startsWith('west cannot see east'))).toBe(true);
    expect(cmp?.verdict.problems.some((p) => p.startsWith('east cannot see'))).toBe(false);
    expect(cmp?.clusterIdUnique).toBe(false);
    expect(cmp?.config.find((c) => c.key === 'routing-mode')).toMatchObject({
      a: 'tunnel',
      b: 'native',
      agree: false,
    });
    expect(cmp?.versions.skewMinor).toBe(2);
    const pairs = await store.meshPairs();
    expect(pairs).toEqual([]);
    expect(await store.meshCompare('x', 'y')).toBeNull();
  });
});
