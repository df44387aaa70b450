import type { Command } from 'commander';
import { addSweepOptions, parseSweepFlags } from '../sweep-options.ts';
import { sweepCommand } from './sweep.ts';

export function registerCheck(program: Command): void {
  addSweepOptions(
    program
      .command('check')
      .argument('<cluster>', 'the cluster (kubeconfig context or fleet-file name)')
      .description(
        'Check one cluster with all detail: every result incl. passes, evidence, metrics and hints',
      ),
  ).action(async (cluster: string, raw: unknown) => {
    process.exitCode = await sweepCommand(parseSweepFlags(raw), cluster);
  });
}
