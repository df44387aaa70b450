import type { Command } from 'commander';
import { lazy } from '../lazy.ts';
import { dbOption } from './sweep-flags.ts';

export function defineDb(program: Command): void {
  const db = program.command('db').description('history database maintenance');
  db.command('migrate')
    .description('apply the schema migrations')
    .option(...dbOption)
    .action(lazy(() => import('../commands/db.ts'), 'migrateAction'));
  db.command('prune')
    .description('roll up, then delete raw results older than the retention (rollups are kept a year)')
    .option(...dbOption)
    .option('--retention-days <n>', 'days of raw results to keep (default FLEETCHECK_RETENTION_DAYS)')
    .action(lazy(() => import('../commands/db.ts'), 'pruneAction'));
}
