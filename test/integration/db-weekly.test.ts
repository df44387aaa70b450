import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Faults,
  type FixtureCluster,
  fixtureChecks,
  fixtureSweep,
} from '../../bench/history-fixtures.ts';
import type { History } from '../../core/history/history.ts';
import { openHistory } from '../../server/open-history.ts';
import { storeDrivers } from '../fixtures/store-drivers.ts';

const drivers = storeDrivers;

const pair: FixtureCluster[] = [
  { name: 'alpha', peers: ['beta'], clusterId: 1, provider: 'eks' },
  { name: 'beta', peers: ['alpha'], clusterId: 2, provider: 'gke' },
];
const H6 = 6 * 3_600_000;
const w46 = Date.parse('2026-11-09T00:00:00Z');
const w47 = Date.parse('2026-11-16T00:00:00Z');
/** Results per run: every fixture check plus one mesh peer. */
const perRun = fixtureChecks.length + 1;

describe.each(drivers)('weekly report and retention on %s', (_driver, urlOf) => {
  let dir: string;
  let store: History;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fc-weekly-'));
    store = await openHistory(urlOf(dir), { intervalMs: H6 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a simulated fortnight gives the weekly numbers', async () => {
    const failFrom = 8;
    const degraded = new Set([5, 6]);
    for (let i = 0; i < 28; i++)
      await store.saveSweep(fixtureSweep(`w46-${i}`, new Date(w46 + i * H6), pair));
    for (let i = 0; i < 28; i++) {
      const faults: Record<string, Faults> = {
        alpha: i >= failFrom ? { 'business.dns.resolve': 'fail' } : {},
        beta: i >= 1 && i <= 3 && i % 2 === 1 ? { 'component.hubble.ready': 'warn' } : {},
      };
      const s = fixtureSweep(`w47-${i}`, new Date(w47 + i * H6), pair, faults);
      const bad = degraded.has(i);
      s.meshPairs.push({
        a: 'alpha',
        b: 'beta',
        status: bad ? 'warn' : 'pass',
        aSeesB: true,
        bSeesA: !bad,
        message: bad ? 'partial' : 'ok',
      });
      await store.saveSweep(s);
    }
    const r = await store.weeklyReport('2026-W47', { now: new Date('2026-11-23T06:00:00Z') });
    const fails = 28 - failFrom;
    const warns = 2;
    const total = 28 * 2 * perRun;
    expect(r.sweeps).toBe(28);
    expect(r.clusters).toBe(2);
    expect(r.previousScore).toBe(1);
    expect(r.fleetScore).toBeCloseTo((total - fails - warns) / total, 10);
    expect(r.scoreChange).toBeCloseTo((total - fails - warns) / total - 1, 10);
    expect(r.openRegressions.map((x) => [x.cluster, x.check, x.from, x.to])).toEqual([
      ['alpha', 'business.dns.resolve', 'pass', 'fail'],
    ]);
    expect(r.recoveries).toEqual([]);
    expect(r.flapping.map((f) => [f.cluster, f.check, f.changes])).toEqual([
      ['beta', 'component.hubble.ready', 4],
    ]);
    expect(r.worstClusters.map((c) => [c.cluster, c.fail, c.warn])).toEqual([
      ['alpha', fails, 0],
      ['beta', 0, warns],
    ]);
    expect(r.degradedMeshPairs).toEqual([
      expect.objectContaining({ a: 'alpha', b: 'beta', degradedSweeps: degraded.size, sweeps: 28 }),
    ]);
    const business = r.layers.find((l) => l.layer === 'business');
    expect(business).toMatchObject({ fail: fails, pass: 28 * 2 * 2 - fails });
  });

  it('pruning raw results keeps trend answers and counts what it deleted', async () => {
    const start = Date.parse('2026-10-01T00:00:00Z');
    const days = 40;
    for (let i = 0; i < days * 4; i++) {
      const faults: Record<string, Faults> = {
        alpha: i % 5 === 0 ? { 'node.health.latency': 'warn', rtt: 7 } : {},
      };
      await store.saveSweep(fixtureSweep(`d${i}`, new Date(start + i * H6), pair, faults));
    }
    const now = new Date(start + days * 86_400_000);
    const range = { from: new Date(start), to: now };
    const metrics = ['pass_rate', 'health_rtt_p95_ms', 'failures', 'clusters_failing'] as const;
    const before = [];
    for (const metric of metrics) {
      before.push(await store.trends({ metric, bucket: 'day', ...range }));
      before.push(await store.trends({ metric, bucket: 'hour', ...range, groupBy: 'provider' }));
    }
    const daily = before[0]?.[0]?.points ?? [];
    expect(daily).toHaveLength(days);
    const sweepsPerDay = 4;
    const warnDays = daily.map((_, d) => [0, 1, 2, 3].filter((k) => (d * sweepsPerDay + k) % 5 === 0).length);
    expect(daily.map((p) => p.value)).toEqual(
      warnDays.map((w) => (sweepsPerDay * 2 * perRun - w) / (sweepsPerDay * 2 * perRun)),
    );
    const pruned = await store.prune({ now, retentionDays: 30 });
    expect(pruned.deletedRuns).toBe(10 * 4 * 2);
    expect(pruned.deletedResults).toBe(10 * 4 * 2 * perRun);
    const after = [];
    for (const metric of metrics) {
      after.push(await store.trends({ metric, bucket: 'day', ...range }));
      after.push(await store.trends({ metric, bucket: 'hour', ...range, groupBy: 'provider' }));
    }
    expect(after).toEqual(before);
    expect(before[0]?.[0]?.points[0]?.value).toBeLessThan(1);
    expect((await store.clusterHistory('alpha', { limit: 1000 }))?.items).toHaveLength(30 * 4);
  });
});
