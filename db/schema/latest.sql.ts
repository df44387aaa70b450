import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { runVerdictColumns } from './runs.sql.ts';

/**
 * The latest state, kept on write: a copy of the results of each cluster's latest run (`clusters.last_run_id`),
 * keyed by (cluster, seq) like the run's own rows, so a run reporting one (check, subject) twice stays exact.
 * Regressions read the current side here instead of seeking 200 runs in the 24-million-row results table.
 */
export const latestResultsTable = sqliteTable(
  'latest_results',
  {
    clusterId: integer('cluster_id').notNull(),
    seq: integer('seq').notNull(),
    runId: integer('run_id').notNull(),
    checkId: integer('check_id').notNull(),
    subjectId: integer('subject_id').notNull(),
    status: integer('status').notNull(),
    messageId: integer('message_id'),
    hintId: integer('hint_id'),
  },
  (t) => [
    primaryKey({ columns: [t.clusterId, t.seq] }),
    // Only the warn / error / fail rows: a cluster's findings without reading its passes.
    index('latest_results_findings_idx').on(t.clusterId).where(sql`status >= 2`),
  ],
);

/**
 * The latest run of each cluster, kept on write beside `latest_results`: the columns the fleet view shows and the
 * cluster's newest run times (up to 5, newest first, comma-separated) for the stale flag, so `GET /fleet` reads
 * one small table instead of seeking 200 runs and their time indexes in the history.
 */
export const latestRunsTable = sqliteTable('latest_runs', {
  clusterId: integer('cluster_id').primaryKey(),
  runId: integer('run_id').notNull(),
  sweepId: text('sweep_id').notNull(),
  at: integer('at').notNull(),
  ...runVerdictColumns(),
  ciliumVersion: text('cilium_version'),
  errorCode: text('error_code'),
  errorMessage: text('error_message'),
  recentAts: text('recent_ats').notNull(),
});
