import { sql } from 'drizzle-orm';
import type { WeekRows } from '../core/history/read-ports.ts';
import type { Layer } from '../core/outcome.ts';
import type { Db } from './client.ts';
import { statusName } from './codec.ts';

const WEEK = 7 * 86_400_000;

async function score(db: Db, from: number, to: number): Promise<number | null> {
  const r = (
    await db.all<{ p: number | null; n: number | null }>(sql`select sum(n_pass) as p,
      sum(n_pass + n_warn + n_fail + n_error) as n from rollups where period = 1 and check_id = 0
      and bucket >= ${from} and bucket < ${to}`)
  )[0];
  return r?.n ? (r.p ?? 0) / r.n : null;
}

/**
 * What the weekly report of the ISO week [from, to) is computed from: day rollups (ISO weeks are whole UTC days),
 * sweeps and degraded mesh pairs.
 */
export async function readWeekRows(db: Db, range: { from: number; to: number }): Promise<WeekRows> {
  const { from, to } = range;
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
  const baselineSweepId = before?.id ?? first?.id;
  const clusterSums = await db.all<{
    cluster: string;
    pass: number;
    warn: number;
    fail: number;
    error: number;
  }>(sql`
    select c.name as cluster, sum(u.n_pass) as pass, sum(u.n_warn) as warn, sum(u.n_fail) as fail,
      sum(u.n_error) as error
    from rollups u join clusters c on c.id = u.cluster_id
    where u.period = 1 and u.check_id = 0 and u.bucket >= ${from} and u.bucket < ${to} group by c.name`);
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
    fleetScore,
    previousScore,
    sweeps,
    ...(baselineSweepId ? { baselineSweepId } : {}),
    clusterSums,
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
