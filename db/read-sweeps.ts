import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Page, SweepSummary } from '../core/analysis/types.ts';
import type { SweepReport } from '../core/sweep/report.ts';
import type { Db } from './client.ts';
import { clusterStatusName, decodeCursor, encodeCursor, iso, plannedNames } from './codec.ts';
import { type PairReportRow, toMeshPairReport } from './read-mesh.ts';
import { sweepReports } from './read-run.ts';

interface SweepRow {
  id: string;
  started_at: number;
  finished_at: number | null;
  status: number | null;
  trigger: string | null;
  planned: string | null;
}

/** A stored sweep rebuilt as the sweep report (clusters in planned order). */
export async function readSweep(db: Db, id: string): Promise<SweepReport | null> {
  const row = (await db.all<SweepRow>(sql`select * from sweeps where id = ${id}`))[0];
  if (!row) return null;
  const clusters = await sweepReports(db, id, plannedNames(row.planned));
  const pairs = await db.all<PairReportRow>(
    sql`select p.a, p.b, p.status, p.a_sees_b, p.b_sees_a, t.body as message from mesh_pairs p
      left join texts t on t.id = p.message_id where p.sweep_id = ${id} order by p.seq`,
  );
  return {
    sweep: {
      id,
      startedAt: iso(row.started_at),
      finishedAt: iso(row.finished_at ?? row.started_at),
      status: row.status === null ? 'pass' : clusterStatusName(row.status),
    },
    clusters,
    meshPairs: pairs.map(toMeshPairReport),
  };
}

/** Sweeps newest first, cursor = (started_at, id) of the last item. */
export async function listSweeps(
  db: Db,
  opts: { cursor?: string; limit?: number },
): Promise<Page<SweepSummary>> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const cur = decodeCursor(opts.cursor, z.tuple([z.number().int(), z.string()]));
  const where = cur
    ? sql`(s.started_at < ${cur[0]} or (s.started_at = ${cur[0]} and s.id < ${cur[1]}))`
    : sql`1 = 1`;
  const rows = await db.all<SweepRow & { n: number; p: number; w: number; f: number; e: number }>(sql`
    select s.*, (select count(*) from cluster_runs r where r.sweep_id = s.id) as n,
      (select count(*) from cluster_runs r where r.sweep_id = s.id and r.status <= 1) as p,
      (select count(*) from cluster_runs r where r.sweep_id = s.id and r.status = 2) as w,
      (select count(*) from cluster_runs r where r.sweep_id = s.id and r.status = 4) as f,
      (select count(*) from cluster_runs r where r.sweep_id = s.id and r.status = 3) as e
    from sweeps s where ${where} order by s.started_at desc, s.id desc limit ${limit + 1}`);
  const items = rows.slice(0, limit).map((r) => {
    const s: SweepSummary = {
      id: r.id,
      startedAt: iso(r.started_at),
      clusters: r.n,
      clusterCounts: { pass: r.p, warn: r.w, fail: r.f, error: r.e },
    };
    if (r.finished_at !== null) s.finishedAt = iso(r.finished_at);
    if (r.status !== null) s.status = clusterStatusName(r.status);
    if (r.trigger !== null) s.trigger = r.trigger;
    return s;
  });
  const last = rows[limit - 1];
  return rows.length > limit && last
    ? { items, nextCursor: encodeCursor([last.started_at, last.id]) }
    : { items };
}
