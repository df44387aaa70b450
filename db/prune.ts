import { sql } from 'drizzle-orm';
import { type Db, first } from './client.ts';
import { rebuildLatest } from './latest-state.ts';
import { refreshRollups } from './rollups.ts';

const DAY = 86_400_000;

/** Rolls up, then deletes raw runs older than `retentionDays` and rollups / sweeps older than a year. */
export async function prune(
  db: Db,
  now: Date,
  retentionDays: number,
): Promise<{ deletedRuns: number; deletedResults: number }> {
  const cutoff = now.getTime() - retentionDays * DAY;
  const yearAgo = now.getTime() - 365 * DAY;
  return db.write(async (tx) => {
    await refreshRollups(tx);
    const old = sql`(select id from cluster_runs where at < ${cutoff})`;
    const counted = await first<{ n: number }>(
      tx,
      sql`select count(*) as n from check_results where run_id in ${old}`,
    );
    for (const t of ['check_results', 'node_links', 'mesh_links', 'status_changes'])
      await tx.run(sql`delete from ${sql.identifier(t)} where run_id in ${old}`);
    const runs = await first<{ n: number }>(
      tx,
      sql`select count(*) as n from cluster_runs where at < ${cutoff}`,
    );
    await tx.run(sql`delete from cluster_runs where at < ${cutoff}`);
    await tx.run(sql`delete from mesh_pairs where at < ${cutoff}`);
    await tx.run(sql`delete from rollups where bucket < ${yearAgo}`);
    await tx.run(sql`delete from rollup_groups where bucket < ${yearAgo}`);
    await tx.run(sql`delete from sweeps where started_at < ${yearAgo}`);
    await tx.run(sql`update clusters set last_run_id = (select id from cluster_runs r where r.cluster_id = clusters.id
      order by r.at desc, r.id desc limit 1)`);
    await rebuildLatest(tx);
    return { deletedRuns: runs?.n ?? 0, deletedResults: counted?.n ?? 0 };
  });
}
