import { and, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type { Page, SweepSummary } from '../core/analysis/types.ts';
import type { SweepReport } from '../core/sweep/report.ts';
import type { Db } from './client.ts';
import { clusterStatusName, decodeCursor, encodeCursor, iso, plannedNames } from './codec.ts';
import { readSweepPairs } from './read-mesh.ts';
import { sweepReports } from './read-run.ts';
import { sweepsTable } from './schema/index.ts';

/** A stored sweep rebuilt as the sweep report (clusters in planned order). */
export async function readSweep(db: Db, id: string): Promise<SweepReport | null> {
  const [row] = await db.orm.select().from(sweepsTable).where(eq(sweepsTable.id, id)).limit(1);
  if (!row) return null;
  const clusters = await sweepReports(db, id, plannedNames(row.planned));
  return {
    sweep: {
      id,
      startedAt: iso(row.startedAt),
      finishedAt: iso(row.finishedAt ?? row.startedAt),
      status: row.status === null ? 'pass' : clusterStatusName(row.status),
    },
    clusters,
    meshPairs: await readSweepPairs(db, id),
  };
}

/** Sweeps newest first, cursor = (started_at, id) of the last item. */
export async function listSweeps(
  db: Db,
  opts: { cursor?: string; limit?: number },
): Promise<Page<SweepSummary>> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const cur = decodeCursor(opts.cursor, z.tuple([z.number().int(), z.string()]));
  const sw = alias(sweepsTable, 's');
  // `s.id` spelled out: drizzle leaves the columns of a one-table select unqualified, and `id` would bind to `r`.
  const runs = (cond: SQL = sql``) =>
    sql<number>`(select count(*) from cluster_runs r where r.sweep_id = s.id${cond})`.mapWith(Number);
  const rows = await db.orm
    .select({
      id: sw.id,
      startedAt: sw.startedAt,
      finishedAt: sw.finishedAt,
      status: sw.status,
      trigger: sw.trigger,
      n: runs(),
      p: runs(sql` and r.status <= 1`),
      w: runs(sql` and r.status = 2`),
      f: runs(sql` and r.status = 4`),
      e: runs(sql` and r.status = 3`),
    })
    .from(sw)
    .where(cur ? or(lt(sw.startedAt, cur[0]), and(eq(sw.startedAt, cur[0]), lt(sw.id, cur[1]))) : undefined)
    .orderBy(desc(sw.startedAt), desc(sw.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => {
    const s: SweepSummary = {
      id: r.id,
      startedAt: iso(r.startedAt),
      clusters: r.n,
      clusterCounts: { pass: r.p, warn: r.w, fail: r.f, error: r.e },
    };
    if (r.finishedAt !== null) s.finishedAt = iso(r.finishedAt);
    if (r.status !== null) s.status = clusterStatusName(r.status);
    if (r.trigger !== null) s.trigger = r.trigger;
    return s;
  });
  const last = rows[limit - 1];
  return rows.length > limit && last
    ? { items, nextCursor: encodeCursor([last.startedAt, last.id]) }
    : { items };
}
