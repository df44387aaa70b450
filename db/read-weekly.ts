import { sql } from 'drizzle-orm';
import { isoWeekRange } from '../core/analysis/iso-week.ts';
import type { WeeklyReport } from '../core/analysis/mesh-types.ts';
import type { Layer } from '../core/outcome.ts';
import type { Db } from './client.ts';
import { statusName } from './codec.ts';
import { readFlapping } from './read-flapping.ts';
import { readRegressions } from './read-regressions.ts';

const WEEK = 7 * 86_400_000;

async function score(db: Db, from: number, to: number): Promise<number | null> {
  const r = (
    await db.all<{ p: number | null; n: number | null }>(sql`select sum(n_pass) as p,
      sum(n_pass + n_warn + n_fail + n_error) as n from rollups where period = 1 and check_id = 0
      and bucket >= ${from} and bucket < ${to}`)
  )[0];
  return r?.n ? (r.p ?? 0) / r.n : null;
}

/** The weekly report of an ISO week (data from day rollups — ISO weeks are whole UTC days — sweeps and status changes). */
export async function readWeekly(db: Db, week: string, now: Date): Promise<WeeklyReport> {
  const { from, to } = isoWeekRange(week);
  const fleetScore = await score(db, from, to);
  const previousScore = await score(db, from - WEEK, from);
  const sweeps =
    (
      await db.all<{ n: number }>(
        sql`select count(*) as n from sweeps where started_at >= ${from} and started_at < ${to}`,
      )
    )[0]?.n ?? 0;
  const first = (
    await db.all<{ id: string }>(sql`select id from sweeps where started_at >= ${from} and started_at < ${to}
      order by started_at asc limit 1`)
  )[0];
  const before = (
    await db.all<{ id: string }>(sql`select id from sweeps s where started_at < ${from}
      and exists (select 1 from cluster_runs r where r.sweep_id = s.id) order by started_at desc limit 1`)
  )[0];
  const baseId = before?.id ?? first?.id;
  const reg =
    sweeps > 0 && baseId
      ? await readRegressions(db, { baseline: { sweepId: baseId }, until: new Date(to - 1) })
      : { regressions: [], recoveries: [], current: null };
  const sameSweep = reg.current?.sweepId === baseId;
  const perCluster = await db.all<{ name: string; p: number; w: number; f: number; e: number }>(sql`
    select c.name, sum(u.n_pass) as p, sum(u.n_warn) as w, sum(u.n_fail) as f, sum(u.n_error) as e
    from rollups u join clusters c on c.id = u.cluster_id
    where u.period = 1 and u.check_id = 0 and u.bucket >= ${from} and u.bucket < ${to} group by c.name`);
  const worstClusters = perCluster
    .map((c) => ({
      cluster: c.name,
      score: c.p / Math.max(1, c.p + c.w + c.f + c.e),
      fail: c.f,
      error: c.e,
      warn: c.w,
    }))
    .filter((c) => c.score < 1)
    .sort((x, y) => x.score - y.score || y.fail - x.fail || x.cluster.localeCompare(y.cluster))
    .slice(0, 10);
  const pairs = await db.all<{
    a: string;
    b: string;
    n: number;
    bad: number;
    status: number;
    message: string | null;
  }>(sql`
    select p.a, p.b, count(*) as n, sum(p.status <> 1) as bad, p.status, t.body as message, max(p.at) as last
    from mesh_pairs p left join texts t on t.id = p.message_id where p.at >= ${from} and p.at < ${to}
    group by p.a, p.b having sum(p.status <> 1) > 0 order by bad desc, p.a, p.b`);
  const layers = await db.all<{ layer: Layer; p: number; w: number; f: number; e: number; s: number }>(sql`
    select k.layer, sum(u.n_pass) as p, sum(u.n_warn) as w, sum(u.n_fail) as f, sum(u.n_error) as e, sum(u.n_skip) as s
    from rollups u join checks k on k.id = u.check_id
    where u.period = 1 and u.check_id <> 0 and u.bucket >= ${from} and u.bucket < ${to} and k.layer is not null
    group by k.layer order by k.layer`);
  return {
    week,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    generatedAt: now.toISOString(),
    sweeps,
    clusters: perCluster.length,
    fleetScore,
    previousScore,
    scoreChange: fleetScore !== null && previousScore !== null ? fleetScore - previousScore : null,
    openRegressions: sameSweep ? [] : reg.regressions,
    recoveries: sameSweep ? [] : reg.recoveries,
    flapping: await readFlapping(db, { from: new Date(from), to: new Date(to - 1) }),
    worstClusters,
    degradedMeshPairs: pairs.map((p) => ({
      a: p.a,
      b: p.b,
      degradedSweeps: p.bad,
      sweeps: p.n,
      lastStatus: statusName(p.status),
      lastMessage: p.message ?? '',
    })),
    layers: layers.map((l) => ({ layer: l.layer, pass: l.p, warn: l.w, fail: l.f, error: l.e, skip: l.s })),
  };
}
