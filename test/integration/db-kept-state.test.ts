import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrendMetric } from '../../core/analysis/types.ts';
import { finishStoredSweep } from '../../core/history/finish.ts';
import type { History } from '../../core/history/history.ts';
import type { ClusterReport, MeshPairReport } from '../../core/sweep/report.ts';
import type { Db } from '../../db/client.ts';
import { createApp } from '../../server/app.ts';
import { openHistory } from '../../server/open-history.ts';
import { forgetMigrationsFrom } from '../fixtures/forget-migrations.ts';
import { randomHistory } from '../fixtures/random-history.ts';
import { oracleFleet, oracleTrends } from '../fixtures/state-oracle.ts';
import {
  closeTempHistory,
  openTempHistory,
  storeDrivers,
  type TempHistory,
} from '../fixtures/store-drivers.ts';

const drivers = storeDrivers;

const t0 = Date.parse('2026-10-01T00:00:00Z');
const step = 90 * 60_000;
const sweepAt = (s: number) => new Date(t0 + s * step);
const SWEEPS = 40;

/**
 * The random history with registry facts: providers, regions (one missing), mesh groups from labels; k02 moves
 * region at sweep 20, k03 loses its provider at 25, k05's mesh group comes and goes.
 */
function withFacts(runs: ClusterReport[], s: number): ClusterReport[] {
  return runs.map((r) => {
    const i = Number(r.name.slice(1));
    const provider = r.name === 'k03' && s >= 25 ? undefined : ['eks', 'gke', 'aks'][i % 3];
    const region =
      r.name === 'k02' && s >= 20
        ? 'ap-south-1'
        : i % 4 === 3
          ? undefined
          : ['eu-west-1', 'us-east-1'][i % 2];
    const mesh = r.name === 'k05' ? (Math.floor(s / 7) % 2 === 0 ? 'm-blue' : undefined) : `m-${i >> 2}`;
    return {
      ...r,
      ...(provider ? { provider } : {}),
      ...(region ? { region } : {}),
      ...(mesh ? { labels: { meshGroup: mesh } } : {}),
    };
  });
}

/** Pairs of neighbouring clusters with verdicts that change from sweep to sweep. */
function pairsOf(runs: ClusterReport[], s: number): MeshPairReport[] {
  const out: MeshPairReport[] = [];
  for (let i = runs.length - 2; i >= 0; i -= 2) {
    const [a, b] = [runs[i]?.name ?? '', runs[i + 1]?.name ?? ''];
    const seen = (s + i) % 3;
    const status = seen === 0 ? 'pass' : seen === 1 ? 'warn' : 'fail';
    out.push({ a, b, status, aSeesB: seen !== 2, bSeesA: seen === 0, message: seen ? `${a} ${status}` : '' });
  }
  return out;
}

/** The pairs of the newest sweep that stored any, as its stored report holds them (ordered by a, b). */
async function newestPairs(store: History): Promise<unknown[]> {
  const sweeps = (await store.sweeps({ limit: 1000 })).items;
  for (const sw of sweeps) {
    const report = await store.sweep(sw.id);
    if (!report?.meshPairs.length) continue;
    const sorted = [...report.meshPairs].sort((x, y) =>
      x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1,
    );
    return sorted.map((p) => ({ ...p, sweepId: sw.id, at: report.sweep.startedAt }));
  }
  return [];
}

const metrics: TrendMetric[] = ['pass_rate', 'health_rtt_p95_ms', 'endpoints_not_ready', 'clusters_failing'];
const groupings = [undefined, 'provider', 'region', 'mesh'] as const;

describe.each(drivers)('fleet and trends from the state kept on write, on %s', (_driver, urlOf) => {
  let url: string;
  let store: History;
  let db: Db;
  let nonEmpty = 0;
  let temp: TempHistory | undefined;
  beforeAll(async () => {
    temp = await openTempHistory('fc-kept-', urlOf, step);
    ({ url, store, db } = temp);
  });
  afterAll(() => closeTempHistory(temp, store));

  /** Every fleet and trends answer of the API, byte for byte, against the pre-0007 read paths. */
  async function expectAnswersAsBefore(now: Date): Promise<void> {
    const app = createApp({ store, now: () => now });
    const fleet = await (await app.request('/api/v1/fleet')).text();
    expect(fleet).toBe(JSON.stringify(await oracleFleet(db, now, step)));
    const pairs = await (await app.request('/api/v1/mesh/pairs')).text();
    expect(pairs).toBe(JSON.stringify({ items: await newestPairs(store) }));
    for (const bucket of ['hour', 'day'] as const)
      for (const groupBy of groupings)
        for (const metric of metrics) {
          const from = new Date(t0 - 86_400_000);
          const q = { metric, bucket, from, to: now, ...(groupBy ? { groupBy } : {}) };
          const path = `/api/v1/trends?metric=${metric}&bucket=${bucket}&from=${from.toISOString()}&to=${now.toISOString()}${groupBy ? `&groupBy=${groupBy}` : ''}`;
          const res = await app.request(path);
          expect(res.status, path).toBe(200);
          const want = JSON.stringify({ series: await oracleTrends(db, q) });
          expect(await res.text(), path).toBe(want);
          nonEmpty += want.match(/"value":\d/g)?.length ?? 0;
        }
  }

  it('answers as the history read at request time did, through every write path', async () => {
    const history = randomHistory(5, 12);
    for (let s = 0; s < SWEEPS; s++) {
      const runs = withFacts(history.sweep(s), s);
      const id = `s${s}`;
      const startedAt = sweepAt(s).toISOString();
      if (s % 5 === 2) {
        await store.createSweep({ id, startedAt, clusters: runs.map((r) => r.name) });
        for (const r of runs) await store.saveClusterRun(id, r);
        await finishStoredSweep(store, id, new Date(sweepAt(s).getTime() + 60_000));
      } else {
        const finishedAt = new Date(sweepAt(s).getTime() + 60_000).toISOString();
        await store.saveSweep({
          sweep: { id, startedAt, finishedAt, status: 'pass' },
          clusters: runs,
          meshPairs: pairsOf(runs, s),
        });
      }
      if (s % 6 === 5 || s === SWEEPS - 1) await expectAnswersAsBefore(sweepAt(s + 1));
    }
    // Keys that moved (k02's region, k03's provider, k05's mesh group) and real values, not only nulls.
    const regions = await db.all<{ key: string }>(
      sql`select distinct key from rollup_groups where grouping = 2`,
    );
    expect(regions.map((r) => r.key).sort()).toEqual(['ap-south-1', 'eu-west-1', 'unknown', 'us-east-1']);
    expect(nonEmpty).toBeGreaterThan(500);
  });

  it('a sweep saved out of order (older start, written last) keeps them right', async () => {
    const startedAt = new Date(sweepAt(SWEEPS - 1).getTime() - 40 * 60_000).toISOString();
    const inFleet = new Set(
      randomHistory(5, 12)
        .sweep(SWEEPS - 1)
        .map((r) => r.name),
    );
    const late = withFacts(randomHistory(99, 12).sweep(3), 0).filter((r) => inFleet.has(r.name));
    await store.saveSweep({
      sweep: { id: 'late', startedAt, finishedAt: startedAt, status: 'fail' },
      clusters: late,
      meshPairs: [],
    });
    await expectAnswersAsBefore(sweepAt(SWEEPS));
  });

  it('an upgraded database gets them from the migration, before any new write', async () => {
    await db.run(sql`drop table latest_runs`);
    await db.run(sql`drop table rollup_groups`);
    await forgetMigrationsFrom(db, '0007_latest_runs_rollup_groups');
    await store.close();
    store = await openHistory(url, { intervalMs: step });
    expect(await db.all(sql`select count(*) as n from rollup_groups`)).not.toEqual([{ n: 0 }]);
    await expectAnswersAsBefore(sweepAt(SWEEPS));
  });

  it('prune keeps them right (clusters whose runs all aged out leave the fleet; rollups stay)', async () => {
    await store.prune({ now: new Date(sweepAt(30).getTime() + 86_400_000), retentionDays: 1 });
    await expectAnswersAsBefore(sweepAt(SWEEPS));
    const fleet = await store.fleet({ now: sweepAt(SWEEPS) });
    expect(fleet.clusters.map((c) => c.name)).not.toContain('k04');
  });
});
