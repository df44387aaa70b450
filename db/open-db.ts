import { type Db, isLibsqlUrl } from './client.ts';
import type { OpenStoreOptions } from './db.ts';
import { openGuarded } from './open-guarded.ts';

/**
 * Opens the database for a path / `file:` URL (better-sqlite3) or a libSQL URL; `libsql:file:` forces libSQL
 * on a local file (used to run the DB suite on both drivers). A database that cannot be opened, read, migrated
 * (or written, with `writable`), or that a newer fleetcheck migrated, is a one-line `store-unusable` error.
 * @example const db = await openDb('./fleetcheck.db', { writable: true });
 */
export async function openDb(url: string, opts: OpenStoreOptions = {}): Promise<Db> {
  return openGuarded(
    url,
    opts,
    async () =>
      isLibsqlUrl(url)
        ? (await import('./driver-libsql.ts')).openLibsql(
            url.replace(/^libsql:file:/i, 'file:'),
            opts.authToken,
          )
        : (await import('./driver-better-sqlite3.ts')).openBetterSqlite(url.replace(/^file:/i, ''), {
            readOnly: opts.readOnly === true,
          }),
    migrateDb,
  );
}

/** Applies the generated migrations (idempotent). */
async function migrateDb(db: Db): Promise<void> {
  if (db.driver === 'libsql') await (await import('./driver-libsql.ts')).migrateLibsql(db);
  else (await import('./driver-better-sqlite3.ts')).migrateBetterSqlite(db);
}
