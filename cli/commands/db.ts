import type { Command } from 'commander';
import { config } from '../../core/config.ts';
import { FleetcheckError } from '../../core/errors.ts';
import { openDb } from '../../db/client.ts';
import { openStore, type Store } from '../../db/store.ts';

/** Opens the history store named by `--db` (or FLEETCHECK_DB), runs `fn`, closes it. */
export async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const env = config();
  const store = await openStore(
    db ?? env.FLEETCHECK_DB,
    env.FLEETCHECK_DB_AUTH_TOKEN ? { authToken: env.FLEETCHECK_DB_AUTH_TOKEN } : {},
  );
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export const dbOption = [
  '--db <path|url>',
  'history database (path, file:, libsql:, https:); default FLEETCHECK_DB',
] as const;

/** Parses `--output` style choices. */
export function choice<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new FleetcheckError('invalid-input', `${name} must be one of ${allowed.join(', ')}, got ${value}`);
}

export function registerDb(program: Command): void {
  const db = program.command('db').description('history database maintenance');
  db.command('migrate')
    .description('apply the schema migrations')
    .option(...dbOption)
    .action(async (o: { db?: string }) => {
      const url = o.db ?? config().FLEETCHECK_DB;
      const token = config().FLEETCHECK_DB_AUTH_TOKEN;
      const conn = await openDb(url, token ? { authToken: token } : {});
      await conn.close();
      process.stdout.write(`migrated ${url}\n`);
    });
  db.command('prune')
    .description('roll up, then delete raw results older than the retention (rollups are kept a year)')
    .option(...dbOption)
    .option('--retention-days <n>', 'days of raw results to keep (default FLEETCHECK_RETENTION_DAYS)')
    .action(async (o: { db?: string; retentionDays?: string }) => {
      const days =
        o.retentionDays === undefined ? config().FLEETCHECK_RETENTION_DAYS : Number(o.retentionDays);
      if (!Number.isInteger(days) || days < 1)
        throw new FleetcheckError(
          'invalid-input',
          `--retention-days must be a positive integer, got ${o.retentionDays}`,
        );
      const out = await withStore(o.db, (s) => s.prune({ retentionDays: days }));
      process.stdout.write(
        `pruned ${out.deletedRuns} cluster runs and ${out.deletedResults} check results older than ${days} days\n`,
      );
    });
}
