import { config } from '../../core/config.ts';
import { FleetcheckError } from '../../core/errors.ts';
import type { History } from '../../core/history/history.ts';
import { openDb } from '../../db/open-db.ts';
import { openHistory } from '../../server/open-history.ts';

/** Opens the history store named by `--db` (or FLEETCHECK_DB), runs `fn`, closes it. */
export async function withStore<T>(db: string | undefined, fn: (store: History) => Promise<T>): Promise<T> {
  const env = config();
  const store = await openHistory(
    db ?? env.FLEETCHECK_DB,
    env.FLEETCHECK_DB_AUTH_TOKEN ? { authToken: env.FLEETCHECK_DB_AUTH_TOKEN } : {},
  );
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Parses `--output` style choices. */
export function choice<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new FleetcheckError('invalid-input', `${name} must be one of ${allowed.join(', ')}, got ${value}`);
}

/** `fleetcheck db migrate`. */
export async function migrateAction(o: { db?: string }): Promise<void> {
  const url = o.db ?? config().FLEETCHECK_DB;
  const token = config().FLEETCHECK_DB_AUTH_TOKEN;
  const conn = await openDb(url, { writable: true, ...(token ? { authToken: token } : {}) });
  await conn.close();
  process.stdout.write(`migrated ${url}\n`);
}

/** `fleetcheck db prune`. */
export async function pruneAction(o: { db?: string; retentionDays?: string }): Promise<void> {
  const days = o.retentionDays === undefined ? config().FLEETCHECK_RETENTION_DAYS : Number(o.retentionDays);
  if (!Number.isInteger(days) || days < 1)
    throw new FleetcheckError(
      'invalid-input',
      `--retention-days must be a positive integer, got ${o.retentionDays}`,
    );
  const out = await withStore(o.db, (s) => s.prune({ retentionDays: days }));
  process.stdout.write(
    `pruned ${out.deletedRuns} cluster runs and ${out.deletedResults} check results older than ${days} days\n`,
  );
}
