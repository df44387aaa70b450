import type { SQL } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';

/** A drizzle SQLite database of either driver; every call is awaited, so both behave the same. */
export type Orm = BaseSQLiteDatabase<'sync' | 'async', unknown>;

/** The one query layer the store uses, over better-sqlite3 or libSQL. */
export interface Db {
  readonly driver: 'better-sqlite3' | 'libsql';
  readonly orm: Orm;
  all<T>(query: SQL): Promise<T[]>;
  /** Rows as arrays of column values in select order (no per-row objects: the hot reads' shape). */
  values<T extends unknown[]>(query: SQL): Promise<T[]>;
  run(query: SQL): Promise<number>;
  /** Runs `fn` in one write transaction; writes are serialized per process. */
  write<T>(fn: (tx: Orm) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** libSQL auth token (Turso / sqld). */
  authToken?: string;
  /** Apply migrations at open (default true). */
  migrate?: boolean;
  /** Prove at open that the database takes writes (default false; sweep, serve and db migrate ask for it). */
  writable?: boolean;
  /** Open a local file read-only (the read pool's workers); writes then fail with SQLITE_READONLY. */
  readOnly?: boolean;
}
