import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { type Db, migrationsFolder, type Orm, serialize } from './client.ts';
import { sqliteDatabase } from './sqlite-addon.ts';

const dialect = new SQLiteSyncDialect();

/** Prepared statements by SQL text (least recently used dropped past `size`): a read compiles its SQL once. */
function statementCache(client: Database.Database, size = 256): (text: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (text) => {
    let st = cache.get(text);
    if (st) cache.delete(text);
    else st = client.prepare(text);
    cache.set(text, st);
    if (cache.size > size) cache.delete(cache.keys().next().value as string);
    return st;
  };
}

/**
 * better-sqlite3 (local file or `:memory:`): WAL, busy timeout; transactions are explicit BEGIN/COMMIT.
 * `readOnly` opens an existing file for reading only (memory-mapped, for the read pool's workers).
 */
export async function openBetterSqlite(path: string, opts: { readOnly?: boolean } = {}): Promise<Db> {
  const memory = path === ':memory:' || path === '';
  if (!memory && !opts.readOnly) mkdirSync(dirname(path), { recursive: true });
  const SqliteDatabase = sqliteDatabase();
  const client = new SqliteDatabase(memory ? ':memory:' : path, {
    readonly: !memory && opts.readOnly === true,
  });
  if (!client.readonly) client.pragma('journal_mode = WAL');
  client.pragma('busy_timeout = 5000');
  if (!client.readonly) client.pragma('synchronous = NORMAL');
  if (!memory) client.pragma('mmap_size = 268435456');
  const orm = drizzle({ client });
  const lock = serialize();
  const prepared = statementCache(client);
  const preparedRaw = statementCache(client);
  return {
    driver: 'better-sqlite3',
    orm: orm as unknown as Orm,
    all: async <T>(query: SQL) => {
      const q = dialect.sqlToQuery(query);
      return prepared(q.sql).all(...q.params) as T[];
    },
    values: async <T extends unknown[]>(query: SQL) => {
      const q = dialect.sqlToQuery(query);
      return preparedRaw(q.sql)
        .raw(true)
        .all(...q.params) as T[];
    },
    run: async (query) => orm.run(query).changes,
    write: (fn) =>
      lock(async () => {
        client.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(orm as unknown as Orm);
          client.exec('COMMIT');
          return out;
        } catch (err) {
          if (client.inTransaction) client.exec('ROLLBACK');
          throw err;
        }
      }),
    close: async () => {
      client.close();
    },
  };
}

export function migrateBetterSqlite(db: Db): void {
  migrate(db.orm as unknown as BetterSQLite3Database, { migrationsFolder });
}
