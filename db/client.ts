import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQL } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { config } from '../core/config.ts';
import { FleetcheckError, isFleetcheckError } from '../core/errors.ts';
import { assertKnownSchema, assertWritable, storeReason } from './open-checks.ts';

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

export interface OpenDbOptions {
  authToken?: string;
  /** Apply migrations at open (default true). */
  migrate?: boolean;
  /** Prove at open that the database takes writes (writers: sweep, serve, db migrate). */
  writable?: boolean;
  /** Open a local file read-only (the read pool's connections). */
  readOnly?: boolean;
}

/**
 * Opens the database for a path / `file:` URL (better-sqlite3) or a libSQL URL; `libsql:file:` forces libSQL
 * on a local file (used to run the DB suite on both drivers). A database that cannot be opened, read, migrated
 * (or written, with `writable`), or that a newer fleetcheck migrated, is a one-line `store-unusable` error.
 * @example const db = await openDb('./fleetcheck.db', { writable: true });
 */
export async function openDb(url: string = config().FLEETCHECK_DB, opts: OpenDbOptions = {}): Promise<Db> {
  let db: Db | undefined;
  try {
    db = isLibsqlUrl(url)
      ? await (await import('./driver-libsql.ts')).openLibsql(
          url.replace(/^libsql:file:/i, 'file:'),
          opts.authToken ?? config().FLEETCHECK_DB_AUTH_TOKEN,
        )
      : await (await import('./driver-better-sqlite3.ts')).openBetterSqlite(url.replace(/^file:/i, ''), {
          readOnly: opts.readOnly === true,
        });
    await assertKnownSchema(db, url, migrationsFolder);
    if (opts.migrate !== false) await migrateDb(db);
    if (opts.writable) await assertWritable(db);
    return db;
  } catch (err) {
    await db?.close().catch(() => undefined);
    if (isFleetcheckError(err, 'store-unusable')) throw err;
    throw new FleetcheckError(
      'store-unusable',
      `cannot use the history database ${url}: ${storeReason(err)}`,
      { url },
      { cause: err },
    );
  }
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
