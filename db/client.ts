import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQL } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { config } from '../core/config.ts';

/** A drizzle SQLite database of either driver; every call is awaited, so both behave the same. */
export type Orm = BaseSQLiteDatabase<'sync' | 'async', unknown>;

/** The one query layer the store uses, over better-sqlite3 or libSQL. */
export interface Db {
  readonly driver: 'better-sqlite3' | 'libsql';
  readonly orm: Orm;
  all<T>(query: SQL): Promise<T[]>;
  run(query: SQL): Promise<number>;
  /** Runs `fn` in one write transaction; writes are serialized per process. */
  write<T>(fn: (tx: Orm) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** True for URLs served by @libsql/client (remote, or an explicit `libsql+file:`-style local file). */
export function isLibsqlUrl(url: string): boolean {
  return /^(libsql|https?|wss?):/i.test(url);
}

/**
 * Opens the database for a path / `file:` URL (better-sqlite3) or a libSQL URL; `libsql:file:` forces libSQL
 * on a local file (used to run the DB suite on both drivers).
 * @example const db = await openDb('./fleetcheck.db');
 */
export async function openDb(
  url: string = config().FLEETCHECK_DB,
  opts: { authToken?: string; migrate?: boolean; readOnly?: boolean } = {},
): Promise<Db> {
  const db = isLibsqlUrl(url)
    ? await (await import('./driver-libsql.ts')).openLibsql(
        url.replace(/^libsql:file:/i, 'file:'),
        opts.authToken ?? config().FLEETCHECK_DB_AUTH_TOKEN,
      )
    : await (await import('./driver-better-sqlite3.ts')).openBetterSqlite(url.replace(/^file:/i, ''), {
        readOnly: opts.readOnly === true,
      });
  if (opts.migrate !== false) await migrateDb(db);
  return db;
}

/** Applies the generated migrations (idempotent). */
export async function migrateDb(db: Db): Promise<void> {
  if (db.driver === 'libsql') await (await import('./driver-libsql.ts')).migrateLibsql(db);
  else (await import('./driver-better-sqlite3.ts')).migrateBetterSqlite(db);
}

/** A promise-chain mutex: one writer at a time inside this process. */
export function serialize(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const next = tail.then(fn, fn);
    tail = next.catch(() => undefined);
    return next;
  };
}

/** First row of a query or undefined (libSQL's `get` throws on no rows). */
export async function first<T>(orm: Orm, query: SQL): Promise<T | undefined> {
  return ((await orm.all(query)) as T[])[0];
}
