import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Baseline } from '../../core/analysis/baseline.ts';
import { finishStoredSweep } from '../../core/history/finish.ts';
import type { History } from '../../core/history/history.ts';
import type { Layer } from '../../core/outcome.ts';
import type { Db } from '../../db/client.ts';
import { openHistory } from '../../server/open-history.ts';
import { forgetMigrationsFrom } from '../fixtures/forget-migrations.ts';
import { randomHistory } from '../fixtures/random-history.ts';
import { oracleRegressions } from '../fixtures/regressions-oracle.ts';
import {
  closeTempHistory,
  openTempHistory,
  storeDrivers,
  type TempHistory,
} from '../fixtures/store-drivers.ts';

const drivers = storeDrivers;

const t0 = Date.parse('2026-10-01T00:00:00Z');
const step = 15 * 60_000;
const sweepAt = (s: number) => new Date(t0 + s * step);
const SWEEPS = 40;

/** Each cluster's latest run's results vs the latest-state table, row for row. */
async function latestMismatches(db: Db): Promise<unknown[]> {
  return db.all(sql`select 'missing' as side, c.id, cr.seq from clusters c join check_results cr on cr.run_id = c.last_run_id
      where not exists (select 1 from latest_results l where l.cluster_id = c.id and l.seq = cr.seq and l.run_id = cr.run_id
        and l.check_id = cr.check_id and l.subject_id = cr.subject_id and l.status = cr.status
        and l.message_id is cr.message_id and l.hint_id is cr.hint_id)
    union all select 'extra', l.cluster_id, l.seq from latest_results l left join clusters c on c.id = l.cluster_id
      where c.last_run_id is not l.run_id`);
}

const queries = (s: number): { baseline: Baseline; since?: Date; cluster?: string; layer?: Layer }[] => [
  { baseline: 'previous' },
  { baseline: { at: sweepAt(s - 4) } },
  { baseline: { at: new Date(sweepAt(s - 9).getTime() + 60_000) } },
  { baseline: { sweepId: `s${Math.max(0, s - 6)}` } },
  { baseline: 'previous', since: sweepAt(s - 2) },
  { baseline: { at: sweepAt(s - 3) }, cluster: 'k01' },
  { baseline: 'previous', layer: 'node' },
  { baseline: { at: sweepAt(s - 5) }, layer: 'component' },
];

describe.each(drivers)('regressions from state snapshots on %s', (_driver, urlOf) => {
  let url: string;
  let store: History;
  let db: Db;
  let temp: TempHistory | undefined;
  beforeAll(async () => {
    temp = await openTempHistory('fc-snap-', urlOf, step);
    ({ url, store, db } = temp);
  });
  afterAll(() => closeTempHistory(temp, store));

  it('answers exactly as whole-run diffs after every sweep of a history with flaps, joins, leaves and errors', async () => {
    const history = randomHistory(7);
    let compared = 0;
    let found = { regressions: 0, recoveries: 0, metrics: 0, absent: 0, errors: 0 };
    for (let s = 0; s < SWEEPS; s++) {
      const runs = history.sweep(s);
      const id = `s${s}`;
      const startedAt = sweepAt(s).toISOString();
      if (s % 5 === 2) {
        // The serverless path: planned, runs land one by one (one redelivered), then finished.
        await store.createSweep({ id, startedAt, clusters: runs.map((r) => r.name) });
        for (const r of runs) await store.saveClusterRun(id, r);
        const again = runs[0];
        if (again) await store.saveClusterRun(id, { ...again, results: again.results.slice(1) });
        await finishStoredSweep(store, id, new Date(sweepAt(s).getTime() + 60_000));
      } else {
        const finishedAt = new Date(sweepAt(s).getTime() + 60_000).toISOString();
        await store.saveSweep({
          sweep: { id, startedAt, finishedAt, status: 'pass' },
          clusters: runs,
          meshPairs: [],
        });
      }
      expect(await latestMismatches(db)).toEqual([]);
      // The rollups are current once a write commits, so no read has to refresh them (nor write).
      expect(await db.all(sql`select cluster_id, hour from rollup_dirty`)).toEqual([]);
      if (s < 3 || s % 2 === 0) continue;
      for (const q of queries(s)) {
        const got = await store.regressions(q);
        expect(got, `sweep ${s} ${JSON.stringify(q)}`).toEqual(await oracleRegressions(store, q));
        compared += 1;
        found = {
          regressions: found.regressions + got.regressions.length,
          recoveries: found.recoveries + got.recoveries.length,
          metrics: found.metrics + got.metricRegressions.length,
          absent: found.absent + got.regressions.filter((r) => r.from === 'absent').length,
          errors: found.errors + got.regressions.filter((r) => r.check === 'cluster').length,
        };
      }
    }
    expect(compared).toBe((SWEEPS / 2 - 1) * queries(0).length);
    // The history exercises every kind of answer, so an equality of empty lists cannot pass for a match.
    for (const [kind, n] of Object.entries(found)) expect(n, kind).toBeGreaterThan(5);
  });

  it('a sweep saved out of order (older start, written last) leaves the latest state on the newest runs', async () => {
    const fleetNow = new Set(
      randomHistory(7)
        .sweep(SWEEPS - 1)
        .map((r) => r.name),
    );
    const late = randomHistory(99)
      .sweep(3)
      .filter((r) => fleetNow.has(r.name));
    const startedAt = new Date(sweepAt(SWEEPS - 1).getTime() - 7 * 60_000).toISOString();
    await store.saveSweep({
      sweep: { id: 'late', startedAt, finishedAt: startedAt, status: 'fail' },
      clusters: late,
      meshPairs: [],
    });
    expect(await latestMismatches(db)).toEqual([]);
    for (const q of queries(SWEEPS - 1))
      expect(await store.regressions(q)).toEqual(await oracleRegressions(store, q));
  });

  it('an upgraded database gets its latest state from the migration, before any new write', async () => {
    const want = await store.fleet({ now: sweepAt(SWEEPS) });
    // As before migrations 0006 (latest_results), 0007 (latest_runs, rollup_groups) and 0008 (the runs' index
    // with the id after the time).
    for (const t of ['latest_results', 'latest_runs', 'rollup_groups'])
      await db.run(sql`drop table ${sql.identifier(t)}`);
    await db.run(sql`drop index runs_cluster_at_id_metrics_idx`);
    await db.run(
      sql`create index runs_cluster_at_metrics_idx on cluster_runs (cluster_id, at, rtt_p95, ep_not_ready)`,
    );
    await forgetMigrationsFrom(db, '0006_latest_results');
    await store.close();
    store = await openHistory(url, { intervalMs: step });
    expect(await db.all(sql`select count(*) as n from latest_results`)).not.toEqual([{ n: 0 }]);
    expect(
      await db.all(sql`select name from sqlite_master where type = 'index' and name like 'runs_cluster_at%'`),
    ).toEqual([{ name: 'runs_cluster_at_id_metrics_idx' }]);
    expect(await latestMismatches(db)).toEqual([]);
    expect(await store.fleet({ now: sweepAt(SWEEPS) })).toEqual(want);
    for (const q of queries(SWEEPS - 1))
      expect(await store.regressions(q)).toEqual(await oracleRegressions(store, q));
  });

  it('prune drops clusters whose runs all aged out from the latest state and keeps the rest right', async () => {
    const before = await db.all<{ n: number }>(
      sql`select count(distinct cluster_id) as n from latest_results`,
    );
    // k04 left the fleet at sweep 16: its newest run is older than a retention cut between 16 and the end.
    const cut = new Date(sweepAt(20).getTime());
    await store.prune({ now: new Date(cut.getTime() + 86_400_000), retentionDays: 1 });
    expect(await latestMismatches(db)).toEqual([]);
    const left = await db.all<{ name: string }>(
      sql`select distinct c.name from latest_results l join clusters c on c.id = l.cluster_id order by c.name`,
    );
    expect(left.map((r) => r.name)).not.toContain('k04');
    expect(left.length).toBeLessThan(before[0]?.n ?? 0);
    const fleet = await store.fleet({ now: cut });
    expect(fleet.clusters.map((c) => c.name)).not.toContain('k04');
    for (const q of queries(SWEEPS - 1))
      expect(await store.regressions(q)).toEqual(await oracleRegressions(store, q));
  });
});
