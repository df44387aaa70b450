import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { FleetcheckError } from '../core/errors.ts';
import type { Db } from './client.ts';

const PROBE_TABLE = '__fleetcheck_write_probe';

/** The migrations this build knows, by their journal time (`created_at` in `__drizzle_migrations`). */
function knownMigrations(migrationsFolder: string): Set<number> {
  return new Set(readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
}

/**
 * Refuses a database migrated by a newer fleetcheck: its migration journal holds entries this build does not know,
 * so its schema may not be what our queries expect.
 */
export async function assertKnownSchema(db: Db, url: string, migrationsFolder: string): Promise<void> {
  const journal = await db.all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'`,
  );
  if (journal.length === 0) return;
  const applied = await db.all<{ created_at: number | string }>(
    sql`select created_at from __drizzle_migrations`,
  );
  const known = knownMigrations(migrationsFolder);
  const unknown = applied.filter((m) => !known.has(Number(m.created_at)));
  if (unknown.length > 0)
    throw new FleetcheckError(
      'store-unusable',
      `${url} has a newer schema (${unknown.length} migration${unknown.length === 1 ? '' : 's'} this fleetcheck does not know): upgrade fleetcheck or use another database`,
      { unknown: unknown.length },
    );
}

/** Proves the database takes writes (a read-only file or mount fails here, before any sweep), leaving no trace. */
export async function assertWritable(db: Db): Promise<void> {
  const rollback = new Error('write probe rollback');
  try {
    await db.write(async (tx) => {
      await tx.run(sql.raw(`create table ${PROBE_TABLE} (x integer)`));
      throw rollback;
    });
  } catch (err) {
    if (err !== rollback) throw err;
  }
}

/** The driver's own reason in one line, without the SQL drizzle wraps around it. */
export function storeReason(err: unknown): string {
  let e: unknown = err;
  for (let i = 0; i < 5; i++) {
    const cause = (e as { cause?: unknown } | undefined)?.cause;
    if (!cause || !(cause instanceof Error)) break;
    e = cause;
  }
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown }).code;
  const line = message.split('\n')[0]?.replace(/^Failed query:.*$/s, 'query failed') ?? '';
  return typeof code === 'string' && !line.includes(code) ? `${line} (${code})` : line;
}
