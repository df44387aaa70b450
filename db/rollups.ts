import { sql } from 'drizzle-orm';
import type { BucketSums } from '../core/analysis/trends.ts';
import { type Db, first, type Orm } from './client.ts';

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
  await tx.run(sql`delete from rollup_dirty`);
}

/**
 * Bucket sums in [from, to) aggregated in SQL per key (cluster, group column or `fleet`) and bucket; the fleet
 * key is one constant, so its rows group by bucket alone, in the covering index's order (no sort).
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
  const key = q.cluster
    ? sql`c.name`
    : q.groupBy === 'provider'
      ? sql`coalesce(c.provider, 'unknown')`
      : q.groupBy === 'region'
        ? sql`coalesce(c.region, 'unknown')`
        : q.groupBy === 'mesh'
          ? sql`coalesce(c.mesh_group, 'none')`
          : sql`'fleet'`;
  const start = Math.floor(q.from / (q.bucket === 'hour' ? H : D)) * (q.bucket === 'hour' ? H : D);
  const rows = await db.all<{
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
  }>(sql`select ${key} as key, u.bucket, sum(u.runs) as runs, sum(u.n_pass) as n_pass, sum(u.n_warn) as n_warn,
      sum(u.n_fail) as n_fail, sum(u.n_error) as n_error, sum(u.runs_failing > 0) as failing,
      sum(u.rtt_sum) as rtt_sum, sum(u.rtt_n) as rtt_n,
      sum(case when u.ep_n > 0 then u.ep_sum * 1.0 / u.ep_n end) as ep_mean, sum(u.ep_n > 0) as ep_clusters
    from rollups u ${q.cluster || q.groupBy ? sql`join clusters c on c.id = u.cluster_id` : sql``}
    where u.period = ${q.bucket === 'hour' ? 0 : 1} and u.check_id = 0 and u.bucket >= ${start} and u.bucket < ${q.to}
      ${q.cluster ? sql`and c.name = ${q.cluster}` : sql``}
    group by ${q.cluster || q.groupBy ? sql`1, u.bucket` : sql`u.bucket`}`);
  return rows.map((r) => ({
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
  }));
}
