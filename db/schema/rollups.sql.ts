import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Hour (period 0) / day (period 1) aggregates per cluster × check; check_id 0 = all checks of the cluster plus
 * the cluster metrics. Every column is a sum, so day rows are exact aggregates of hour rows.
 */
export const rollupsTable = sqliteTable(
  'rollups',
  {
    period: integer('period').notNull(),
    clusterId: integer('cluster_id').notNull(),
    bucket: integer('bucket').notNull(),
    checkId: integer('check_id').notNull(),
    runs: integer('runs').notNull(),
    nPass: integer('n_pass').notNull(),
    nWarn: integer('n_warn').notNull(),
    nFail: integer('n_fail').notNull(),
    nError: integer('n_error').notNull(),
    nSkip: integer('n_skip').notNull(),
    runsFailing: integer('runs_failing').notNull(),
    rttSum: real('rtt_sum').notNull(),
    rttN: integer('rtt_n').notNull(),
    epSum: real('ep_sum').notNull(),
    epN: integer('ep_n').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.period, t.clusterId, t.bucket, t.checkId] }),
    index('rollups_period_bucket_idx').on(t.period, t.bucket, t.checkId),
    index('rollups_period_check_bucket_idx').on(t.period, t.checkId, t.bucket),
    // Trends read only the cluster totals (check_id 0): this partial index holds every column they sum.
    index('rollups_totals_idx')
      .on(
        t.period,
        t.bucket,
        t.clusterId,
        t.runs,
        t.nPass,
        t.nWarn,
        t.nFail,
        t.nError,
        t.runsFailing,
        t.rttSum,
        t.rttN,
        t.epSum,
        t.epN,
      )
      .where(sql`${t.checkId} = 0`),
  ],
);

/** Hours whose raw runs changed since their rollup was computed. */
export const rollupDirtyTable = sqliteTable(
  'rollup_dirty',
  {
    clusterId: integer('cluster_id').notNull(),
    hour: integer('hour').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.hour] })],
);

/**
 * The cluster-total rollups (check_id 0) pre-summed per group key and bucket, kept on write with them: grouping 0
 * = the whole fleet (key `fleet`), 1 = provider (`unknown` when none), 2 = region (`unknown`), 3 = mesh group
 * (`none`), by each cluster's current registry facts. `clusters_failing` counts clusters with a failing run in the
 * bucket; `ep_mean_sum` sums each cluster's per-run mean of endpoints not ready over the `ep_clusters` that have it.
 */
export const rollupGroupsTable = sqliteTable(
  'rollup_groups',
  {
    period: integer('period').notNull(),
    grouping: integer('grouping').notNull(),
    bucket: integer('bucket').notNull(),
    key: text('key').notNull(),
    runs: integer('runs').notNull(),
    nPass: integer('n_pass').notNull(),
    nWarn: integer('n_warn').notNull(),
    nFail: integer('n_fail').notNull(),
    nError: integer('n_error').notNull(),
    clustersFailing: integer('clusters_failing').notNull(),
    rttSum: real('rtt_sum').notNull(),
    rttN: integer('rtt_n').notNull(),
    epMeanSum: real('ep_mean_sum').notNull(),
    epClusters: integer('ep_clusters').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.grouping, t.bucket, t.key] })],
);
