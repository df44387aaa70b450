import { sql } from 'drizzle-orm';
import type { BucketSums } from '../core/analysis/trends.ts';
import { type Db, first, type Orm } from './client.ts';
import { groupingCode, refreshGroupBuckets } from './rollup-groups.ts';

const H = 3_600_000;
const D = 86_400_000;

/**
 * Recomputes the hour rollups of every (cluster, hour) written since the last refresh from the raw runs, then
 * the day rollups of the affected days from the hour rollups (all columns are sums, so days are exact).
 */
export async function refreshRollups(tx: Orm): Promise<void> {
  const dirty = await first<{ n: number }>(tx, sql`select count(*) as n from rollup_dirty`);
  if (!dirty || dirty.n === 0) return;
  await tx.run(sql`delete from rollups where period = 0 and (cluster_id, bucket) in
    (select cluster_id, hour from rollup_dirty)`);
  await tx.run(sql`insert into rollups (period, cluster_id, bucket, check_id, runs, n_pass, n_warn, n_fail, n_error,
      n_skip, runs_failing, rtt_sum, rtt_n, ep_sum, ep_n)
    select 0, r.cluster_id, d.hour, 0, count(*), sum(r.n_pass), sum(r.n_warn), sum(r.n_fail), sum(r.n_error),
      sum(r.n_skip), sum(r.status = 4), coalesce(sum(r.rtt_p95), 0), count(r.rtt_p95),
      coalesce(sum(r.ep_not_ready), 0), count(r.ep_not_ready)
    from rollup_dirty d join cluster_runs r on r.cluster_id = d.cluster_id and r.at >= d.hour and r.at < d.hour + ${H}
    group by r.cluster_id, d.hour`);
  await tx.run(sql`insert into rollups (period, cluster_id, bucket, check_id, runs, n_pass, n_warn, n_fail, n_error,
      n_skip, runs_failing, rtt_sum, rtt_n, ep_sum, ep_n)
    select 0, r.cluster_id, d.hour, cr.check_id, count(distinct r.id), sum(cr.status = 1), sum(cr.status = 2),
      sum(cr.status = 4), sum(cr.status = 3), sum(cr.status = 0), 0, 0, 0, 0, 0
    from rollup_dirty d join cluster_runs r on r.cluster_id = d.cluster_id and r.at >= d.hour and r.at < d.hour + ${H}
    join check_results cr on cr.run_id = r.id group by r.cluster_id, d.hour, cr.check_id`);
  const days = sql`(select distinct cluster_id, cast(hour / ${D} as integer) * ${D} as day from rollup_dirty)`;
  await tx.run(sql`delete from rollups where period = 1 and (cluster_id, bucket) in ${days}`);
  await tx.run(sql`insert into rollups (period, cluster_id, bucket, check_id, runs, n_pass, n_warn, n_fail, n_error,
      n_skip, runs_failing, rtt_sum, rtt_n, ep_sum, ep_n)
    select 1, h.cluster_id, d.day, h.check_id, sum(h.runs), sum(h.n_pass), sum(h.n_warn), sum(h.n_fail),
      sum(h.n_error), sum(h.n_skip), sum(h.runs_failing), sum(h.rtt_sum), sum(h.rtt_n), sum(h.ep_sum), sum(h.ep_n)
    from ${days} d join rollups h on h.period = 0 and h.cluster_id = d.cluster_id and h.bucket >= d.day
      and h.bucket < d.day + ${D}
    group by h.cluster_id, d.day, h.check_id`);
  await refreshGroupBuckets(tx);
  await tx.run(sql`delete from rollup_dirty`);
}

type SumsRow = {
  key: string;
  bucket: number;
  runs: number;
  n_pass: number;
  n_warn: number;
  n_fail: number;
  n_error: number;
  failing: number;
  rtt_sum: number;
  rtt_n: number;
  ep_mean: number | null;
  ep_clusters: number;
};

const toSums = (r: SumsRow): BucketSums => ({
  key: r.key,
  bucket: r.bucket,
  runs: r.runs,
  pass: r.n_pass,
  warn: r.n_warn,
  fail: r.n_fail,
  error: r.n_error,
  clustersFailing: r.failing,
  rttSum: r.rtt_sum,
  rttN: r.rtt_n,
  epMeanSum: r.ep_mean ?? 0,
  epClusters: r.ep_clusters,
});

/**
 * Bucket sums in [from, to): one cluster's from its own rollups, the fleet's or a grouping's from the group rows
 * kept on write (`rollup_groups`: one row per key and bucket, already summed).
 */
export async function readBucketSums(
  db: Db,
  q: {
    bucket: 'hour' | 'day';
    from: number;
    to: number;
    cluster?: string;
    groupBy?: 'provider' | 'region' | 'mesh';
  },
): Promise<BucketSums[]> {
  const step = q.bucket === 'hour' ? H : D;
  const start = Math.floor(q.from / step) * step;
  const period = q.bucket === 'hour' ? 0 : 1;
  if (q.cluster) {
    const rows =
      await db.all<SumsRow>(sql`select c.name as key, u.bucket, u.runs, u.n_pass, u.n_warn, u.n_fail,
        u.n_error, u.runs_failing > 0 as failing, u.rtt_sum, u.rtt_n,
        case when u.ep_n > 0 then u.ep_sum * 1.0 / u.ep_n end as ep_mean, u.ep_n > 0 as ep_clusters
      from clusters c join rollups u on u.cluster_id = c.id and u.period = ${period} and u.check_id = 0
        and u.bucket >= ${start} and u.bucket < ${q.to}
      where c.name = ${q.cluster}`);
    return rows.map(toSums);
  }
  const rows = await db.all<SumsRow>(sql`select key, bucket, runs, n_pass, n_warn, n_fail, n_error,
      clusters_failing as failing, rtt_sum, rtt_n, ep_mean_sum as ep_mean, ep_clusters from rollup_groups
    where period = ${period} and grouping = ${groupingCode(q.groupBy)} and bucket >= ${start}
      and bucket < ${q.to}`);
  return rows.map(toSums);
}
