import type { Command } from 'commander';

export function registerMesh(program: Command): void {
  program.command('mesh').description('(not implemented yet)');
}
