import type { Command } from 'commander';

export function registerSweep(program: Command): void {
  program.command('sweep').description('(not implemented yet)');
}
