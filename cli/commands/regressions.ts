import type { Command } from 'commander';

export function registerRegressions(program: Command): void {
  program.command('regressions').description('(not implemented yet)');
}
