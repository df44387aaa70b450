import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The cluster registry: identity is the stable name. Times are epoch milliseconds. */
export const clustersTable = sqliteTable(
  'clusters',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull().unique(),
    provider: text('provider'),
    region: text('region'),
    account: text('account'),
    labels: text('labels').notNull().default('{}'),
    meshGroup: text('mesh_group'),
    ciliumVersion: text('cilium_version'),
    ciliumClusterId: integer('cilium_cluster_id'),
    firstSeen: integer('first_seen').notNull(),
    lastSeen: integer('last_seen').notNull(),
    lastRunId: integer('last_run_id'),
  },
  (t) => [index('clusters_provider_idx').on(t.provider), index('clusters_region_idx').on(t.region)],
);

/** Stored weekly reports (JSON body). */
export const reportsTable = sqliteTable('reports', {
  week: text('week').primaryKey(),
  generatedAt: integer('generated_at').notNull(),
  body: text('body').notNull(),
});
