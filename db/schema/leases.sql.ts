import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Named leases shared by every process on the database (e.g. one manual sweep at a time across containers). */
export const leasesTable = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  /** Epoch ms; a lease past it is free to take. */
  expiresAt: integer('expires_at').notNull(),
});
