import { type Command, Option } from 'commander';
import { LAYERS } from '../../core/layers.ts';

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

/** Adds the flags shared by `fleetcheck sweep` and `fleetcheck check` (validated by `parseSweepFlags`). */
export function addSweepOptions(cmd: Command): Command {
  return cmd
    .option(
      '--kubeconfig <file>',
      'kubeconfig file(s) (default: KUBECONFIG or ~/.kube/config); each context is a cluster',
    )
    .option('--context <name>', 'only this kubeconfig context (repeatable, or a comma list)', collect)
    .option('--fleet <file>', 'fleet file (YAML): clusters, labels, expected mesh peers, overrides')
    .option(
      '--simulate <scenario>',
      'start the simulator on this scenario (in a thread of its own) and sweep it',
    )
    .addOption(new Option('--output <format>', 'table or json').default('table'))
    .option('--full', 'check every agent instead of a sample')
    .option('--concurrency <n>', 'clusters checked in parallel (default 32)')
    .option('--deadline <seconds>', 'deadline per cluster (default 90)')
    .option('--layers <list>', `comma list of ${LAYERS.join(',')} (default all)`)
    .option('--db <path|url>', 'history store (default FLEETCHECK_DB or ./fleetcheck.db)')
    .option('--no-store', 'do not record the sweep in the history store')
    .option('--verbose', 'plain progress lines when stderr is not a terminal')
    .option('--timings', 'after the table, where each cluster run spent its time (always in --output json)');
}

/** `--db` of the commands that read the history store. */
export const dbOption = [
  '--db <path|url>',
  'history database (path, file:, libsql:, https:); default FLEETCHECK_DB',
] as const;
