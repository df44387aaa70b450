import { sql } from 'drizzle-orm';
import type { Orm } from './client.ts';

const columns = 'cluster_id, seq, run_id, check_id, subject_id, status, message_id, hint_id';
const fromLatestRuns = `select c.id, cr.seq, cr.run_id, cr.check_id, cr.subject_id, cr.status, cr.message_id,
  cr.hint_id from clusters c join check_results cr on cr.run_id = c.last_run_id`;

/**
 * Rebuilds the whole latest-state table from `clusters.last_run_id` (after a prune, or a bulk load that wrote
 * rows directly). A cluster whose runs were all pruned has no latest run, so it leaves the table too.
 */
export const rebuildLatestSql = [
  'delete from latest_results',
  `insert into latest_results (${columns}) ${fromLatestRuns}`,
] as const;

export async function rebuildLatest(tx: Orm): Promise<void> {
  for (const s of rebuildLatestSql) await tx.run(sql.raw(s));
}

/** Copies the results of the cluster's latest run into the latest-state table, in the writer's transaction. */
export async function refreshLatest(tx: Orm, clusterId: number): Promise<void> {
  await tx.run(sql`delete from latest_results where cluster_id = ${clusterId}`);
  await tx.run(sql`insert into latest_results (${sql.raw(columns)}) ${sql.raw(fromLatestRuns)}
    where c.id = ${clusterId}`);
}
