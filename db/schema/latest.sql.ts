import { integer, primaryKey, sqliteTable } from 'drizzle-orm/sqlite-core';

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
  (t) => [primaryKey({ columns: [t.clusterId, t.seq] })],
);
