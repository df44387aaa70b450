import { sql } from 'drizzle-orm';
import type { Orm } from './client.ts';

const resultColumns = 'cluster_id, seq, run_id, check_id, subject_id, status, message_id, hint_id';
const fromLatestResults = `select c.id, cr.seq, cr.run_id, cr.check_id, cr.subject_id, cr.status, cr.message_id,
  cr.hint_id from clusters c join check_results cr on cr.run_id = c.last_run_id`;

const runColumns = `cluster_id, run_id, sweep_id, at, status, duration_ms, n_pass, n_warn, n_fail, n_error, n_skip,
  layers, rtt_p95, ep_not_ready, cilium_version, error_code, error_message, recent_ats`;
/** The newest run times (up to 5) of cluster `c`, newest first, from the covering (cluster, at) index. */
const fromLatestRuns = `select c.id, r.id, r.sweep_id, r.at, r.status, r.duration_ms, r.n_pass, r.n_warn, r.n_fail,
  r.n_error, r.n_skip, r.layers, r.rtt_p95, r.ep_not_ready, r.cilium_version, r.error_code, r.error_message,
  coalesce((select group_concat(x.at) from (select r2.at from cluster_runs r2 where r2.cluster_id = c.id
    order by r2.at desc limit 5) x), '')
  from clusters c join cluster_runs r on r.id = c.last_run_id`;

/**
 * Rebuilds the latest-state tables from `clusters.last_run_id` (after a prune, or a bulk load that wrote rows
 * directly). A cluster whose runs were all pruned has no latest run, so it leaves the tables too.
 */
export const rebuildLatestSql = [
  'delete from latest_results',
  `insert into latest_results (${resultColumns}) ${fromLatestResults}`,
  'delete from latest_runs',
  `insert into latest_runs (${runColumns}) ${fromLatestRuns}`,
] as const;

export async function rebuildLatest(tx: Orm): Promise<void> {
  for (const s of rebuildLatestSql) await tx.run(sql.raw(s));
}

/** Copies the cluster's latest run and its results into the latest-state tables, in the writer's transaction. */
export async function refreshLatest(tx: Orm, clusterId: number): Promise<void> {
  await tx.run(sql`delete from latest_results where cluster_id = ${clusterId}`);
  await tx.run(sql`insert into latest_results (${sql.raw(resultColumns)}) ${sql.raw(fromLatestResults)}
    where c.id = ${clusterId}`);
  await tx.run(sql`delete from latest_runs where cluster_id = ${clusterId}`);
  await tx.run(sql`insert into latest_runs (${sql.raw(runColumns)}) ${sql.raw(fromLatestRuns)}
    where c.id = ${clusterId}`);
}
