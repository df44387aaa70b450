import type { Command } from 'commander';
import { LAYERS } from '../../core/layers.ts';
import { lazy } from '../lazy.ts';
import { dbOption } from './sweep-flags.ts';

export function defineHistory(program: Command): void {
  program
    .command('history <cluster>')
    .description("a cluster's stored runs, newest first")
    .option(...dbOption)
    .option('--output <format>', 'table | json', 'table')
    .option('--limit <n>', 'runs to show', '50')
    .action(lazy(() => import('../commands/history.ts'), 'historyAction'));
}

export function defineRegressions(program: Command): void {
  program
    .command('regressions')
    .description('what got worse (and what recovered) in the latest sweep vs a baseline')
    .option(...dbOption)
    .option('--baseline <ref>', 'previous | <sweepId> | <ISO time>', 'previous')
    .option('--since <time>', 'baseline = the state at this time (when --baseline is previous)')
    .option('--cluster <name>', 'only this cluster')
    .option('--layer <layer>', LAYERS.join(' | '))
    .option('--output <format>', 'table | json', 'table')
    .action(lazy(() => import('../commands/regressions.ts'), 'regressionsAction'));
}

export function defineReport(program: Command): void {
  const report = program.command('report').description('reports over the stored history');
  report
    .command('weekly')
    .description(
      'the weekly regression report of an ISO week (default: the current week; a past week uses the stored report when there is one)',
    )
    .option(...dbOption)
    .option('--week <week>', 'ISO week, e.g. 2026-W47')
    .option('--format <format>', 'md | html | json', 'md')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(lazy(() => import('../commands/report.ts'), 'weeklyReportAction'));
}

export function defineMesh(program: Command): void {
  const mesh = program.command('mesh').description('ClusterMesh pairs');
  mesh
    .command('compare <a> <b>')
    .description('both sides of a mesh pair: views of each other, versions, config that must agree, history')
    .option(...dbOption)
    .option('--output <format>', 'table | json', 'table')
    .action(lazy(() => import('../commands/mesh.ts'), 'meshCompareAction'));
}
