import { createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { type Db, migrationsFolder, type Orm, serialize } from './client.ts';

/** @libsql/client (Turso / sqld, or a local `file:` URL). */
export async function openLibsql(url: string, authToken?: string): Promise<Db> {
  const client = createClient(authToken ? { url, authToken } : { url });
  if (url.startsWith('file:')) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA busy_timeout = 5000');
  }
  const orm = drizzle({ client });
  const lock = serialize();
  return {
    driver: 'libsql',
    orm: orm as unknown as Orm,
    all: async <T>(query: Parameters<typeof orm.all>[0]) => orm.all<T>(query),
    // libSQL rows are array-like (indexed, with a length), not arrays.
    values: async <T extends unknown[]>(query: Parameters<typeof orm.values>[0]) =>
      (await orm.values<unknown[]>(query)).map((row) => Array.from(row) as T),
    run: async (query) => (await orm.run(query)).rowsAffected,
    write: (fn) => lock(() => orm.transaction((tx) => fn(tx as unknown as Orm), { behavior: 'immediate' })),
    close: async () => {
      client.close();
    },
  };
}

export async function migrateLibsql(db: Db): Promise<void> {
  await migrate(db.orm as unknown as LibSQLDatabase, { migrationsFolder });
}
