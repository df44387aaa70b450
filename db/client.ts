import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQL } from 'drizzle-orm';
import type { Db, Orm } from './db.ts';

export type { Db, Orm };

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** True for URLs served by @libsql/client (remote, or an explicit `libsql+file:`-style local file). */
export function isLibsqlUrl(url: string): boolean {
  return /^(libsql|https?|wss?):/i.test(url);
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
