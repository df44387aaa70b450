import type { Command } from 'commander';
import { renderMeshCompare } from '../../core/analysis/render-text.ts';
import { FleetcheckError } from '../../core/errors.ts';
import { choice, dbOption, withStore } from './db.ts';

export function registerMesh(program: Command): void {
  const mesh = program.command('mesh').description('ClusterMesh pairs');
  mesh
    .command('compare <a> <b>')
    .description('both sides of a mesh pair: views of each other, versions, config that must agree, history')
    .option(...dbOption)
    .option('--output <format>', 'table | json', 'table')
    .action(async (a: string, b: string, o: { db?: string; output: string }) => {
      const output = choice('--output', o.output, ['table', 'json'] as const);
      const cmp = await withStore(o.db, async (s) => {
        for (const name of [a, b])
          if (!(await s.cluster(name)))
            throw new FleetcheckError('not-found', `unknown cluster ${name} (no stored runs)`);
        return s.meshCompare(a, b);
      });
      if (!cmp) throw new FleetcheckError('not-found', `unknown clusters ${a} and ${b}`);
      process.stdout.write(output === 'json' ? `${JSON.stringify(cmp, null, 2)}\n` : renderMeshCompare(cmp));
      if (cmp.verdict.status === 'fail') process.exitCode = 1;
    });
}
