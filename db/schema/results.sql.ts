import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One outcome, compact: dictionary ids, status as small int, deduplicated texts. */
export const checkResultsTable = sqliteTable(
  'check_results',
  {
    runId: integer('run_id').notNull(),
    seq: integer('seq').notNull(),
    checkId: integer('check_id').notNull(),
    subjectId: integer('subject_id').notNull(),
    status: integer('status').notNull(),
    messageId: integer('message_id'),
    hintId: integer('hint_id'),
    evidenceId: integer('evidence_id'),
    metrics: text('metrics'),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.seq] }),
    // Only the warn / error / fail rows (about 1 in 100): a run's findings without reading its passes.
    index('results_findings_idx').on(t.runId).where(sql`status >= 2`),
  ],
);

/** The health matrix: node → node paths seen by cilium-health. */
export const nodeLinksTable = sqliteTable(
  'node_links',
  {
    runId: integer('run_id').notNull(),
    seq: integer('seq').notNull(),
    fromId: integer('from_id').notNull(),
    toId: integer('to_id').notNull(),
    /** 0 host, 1 endpoint; probe 0 icmp, 1 http. */
    target: integer('target').notNull(),
    probe: integer('probe').notNull(),
    ok: integer('ok').notNull(),
    rttMs: real('rtt_ms'),
    errorId: integer('error_id'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

/** Each side's view of each mesh peer. */
export const meshLinksTable = sqliteTable(
  'mesh_links',
  {
    runId: integer('run_id').notNull(),
    seq: integer('seq').notNull(),
    peerId: integer('peer_id').notNull(),
    configured: integer('configured').notNull(),
    agentsReporting: integer('agents_reporting').notNull(),
    agentsReady: integer('agents_ready').notNull(),
    agentsSampled: integer('agents_sampled').notNull(),
    ready: integer('ready').notNull(),
    numNodes: integer('num_nodes'),
    numEndpoints: integer('num_endpoints'),
    numFailures: integer('num_failures'),
    lastFailure: text('last_failure'),
    messageId: integer('message_id'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

/** Status transitions of (cluster, check, subject) between consecutive runs: flapping, recoveries. */
export const statusChangesTable = sqliteTable(
  'status_changes',
  {
    runId: integer('run_id').notNull(),
    clusterId: integer('cluster_id').notNull(),
    checkId: integer('check_id').notNull(),
    subjectId: integer('subject_id').notNull(),
    at: integer('at').notNull(),
    fromStatus: integer('from_status').notNull(),
    toStatus: integer('to_status').notNull(),
  },
  (t) => [
    index('changes_at_idx').on(t.at),
    index('changes_run_idx').on(t.runId),
    index('changes_cluster_at_idx').on(t.clusterId, t.at),
  ],
);
