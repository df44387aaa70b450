import type { Command } from 'commander';

export function registerSimulate(program: Command): void {
  program.command('simulate').description('(not implemented yet)');
}
