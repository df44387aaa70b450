import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Status codes in severity order: skip 0, pass 1, warn 2, error 3, fail 4. */
export const sweepsTable = sqliteTable(
  'sweeps',
  {
    id: text('id').primaryKey(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    status: integer('status'),
    trigger: text('trigger'),
    planned: text('planned'),
    /** Planned clusters whose first run has landed (a redelivery replaces a run, it does not count again). */
    landed: integer('landed').notNull().default(0),
    /** Set by the one writer that finishes the sweep (a conditional update), so finishing happens once. */
    finishClaimedAt: integer('finish_claimed_at'),
  },
  (t) => [index('sweeps_started_idx').on(t.startedAt), index('sweeps_started_id_idx').on(t.startedAt, t.id)],
);

/** A run's verdict: status, duration, result counts, worst status per layer, health RTT p95, endpoints not ready. */
export const runVerdictColumns = () => ({
  status: integer('status').notNull(),
  durationMs: integer('duration_ms').notNull(),
  nPass: integer('n_pass').notNull(),
  nWarn: integer('n_warn').notNull(),
  nFail: integer('n_fail').notNull(),
  nError: integer('n_error').notNull(),
  nSkip: integer('n_skip').notNull(),
  /** Worst status per layer packed as digits in layer order (component, node, business, config, mesh, version); `-` = none. */
  layers: text('layers').notNull(),
  rttP95: real('rtt_p95'),
  epNotReady: integer('ep_not_ready'),
});

/** One cluster's run in one sweep; unique per (sweep, cluster) so a retry replaces. */
export const clusterRunsTable = sqliteTable(
  'cluster_runs',
  {
    id: integer('id').primaryKey(),
    sweepId: text('sweep_id').notNull(),
    clusterId: integer('cluster_id').notNull(),
    at: integer('at').notNull(),
    ...runVerdictColumns(),
    ciliumVersion: text('cilium_version'),
    ciliumClusterId: integer('cilium_cluster_id'),
    metaId: integer('meta_id'),
    configId: integer('config_id'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
  },
  (t) => [
    uniqueIndex('runs_sweep_cluster_uq').on(t.sweepId, t.clusterId),
    // Covers the per-cluster time walks, each cluster's newest run at or before a time (ties on `at` broken by id
    // in index order, no sort per cluster) and the baseline medians of metric regressions (no row lookups).
    index('runs_cluster_at_id_metrics_idx').on(t.clusterId, t.at, t.id, t.rttP95, t.epNotReady),
    index('runs_at_idx').on(t.at),
  ],
);

/** Sweep-level mesh pair verdicts. */
export const meshPairsTable = sqliteTable(
  'mesh_pairs',
  {
    sweepId: text('sweep_id').notNull(),
    seq: integer('seq').notNull(),
    a: text('a').notNull(),
    b: text('b').notNull(),
    at: integer('at').notNull(),
    status: integer('status').notNull(),
    aSeesB: integer('a_sees_b', { mode: 'boolean' }).notNull(),
    bSeesA: integer('b_sees_a', { mode: 'boolean' }).notNull(),
    messageId: integer('message_id'),
  },
  (t) => [
    uniqueIndex('mesh_pairs_sweep_seq_uq').on(t.sweepId, t.seq),
    index('mesh_pairs_pair_at_idx').on(t.a, t.b, t.at),
    index('mesh_pairs_at_idx').on(t.at),
  ],
);
