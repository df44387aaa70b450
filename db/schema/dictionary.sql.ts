import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Check ids as small integers (results reference them). */
export const checksTable = sqliteTable('checks', {
  id: integer('id').primaryKey(),
  name: text('name').notNull().unique(),
  layer: text('layer'),
});

/** Subject names (nodes, peers, `cluster`...) as small integers. */
export const subjectsTable = sqliteTable('subjects', {
  id: integer('id').primaryKey(),
  name: text('name').notNull().unique(),
});

/** Deduplicated texts: messages, hints, evidence / config / metadata JSON. */
export const textsTable = sqliteTable('texts', {
  id: integer('id').primaryKey(),
  body: text('body').notNull().unique(),
});
