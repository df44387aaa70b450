import type { Command } from 'commander';
import { renderHistory } from '../../core/analysis/render-text.ts';
import { FleetcheckError } from '../../core/errors.ts';
import { choice, dbOption, withStore } from './db.ts';

export function registerHistory(program: Command): void {
  program
    .command('history <cluster>')
    .description("a cluster's stored runs, newest first")
    .option(...dbOption)
    .option('--output <format>', 'table | json', 'table')
    .option('--limit <n>', 'runs to show', '50')
    .action(async (cluster: string, o: { db?: string; output: string; limit: string }) => {
      const output = choice('--output', o.output, ['table', 'json'] as const);
      const page = await withStore(o.db, (s) => s.clusterHistory(cluster, { limit: Number(o.limit) || 50 }));
      if (!page)
        throw new FleetcheckError('not-found', `unknown cluster ${cluster} (no stored runs)`, { cluster });
      process.stdout.write(
        output === 'json'
          ? `${JSON.stringify({ cluster, runs: page.items }, null, 2)}\n`
          : renderHistory(cluster, page.items),
      );
    });
}
