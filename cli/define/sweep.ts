import type { Command } from 'commander';
import { lazy } from '../lazy.ts';
import { addSweepOptions } from './sweep-flags.ts';

export function defineSweep(program: Command): void {
  addSweepOptions(
    program
      .command('sweep')
      .description(
        'Check every cluster of the fleet now: per-layer verdicts, hints, mesh pairs (exit 0 ok, 1 failures, 2 could not evaluate)',
      ),
  ).action(lazy(() => import('../commands/sweep.ts'), 'sweepAction'));
}

export function defineCheck(program: Command): void {
  addSweepOptions(
    program
      .command('check')
      .argument('<cluster>', 'the cluster (kubeconfig context or fleet-file name)')
      .description(
        'Check one cluster with all detail: every result incl. passes, evidence, metrics and hints',
      ),
  ).action(lazy(() => import('../commands/check.ts'), 'checkAction'));
}
