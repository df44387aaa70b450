import type { Command } from 'commander';
import { config } from '../../core/config.ts';
import { FleetcheckError } from '../../core/errors.ts';
import { runDemo } from '../../server/demo/run-demo.ts';
import { stopOnSignals } from '../../server/service.ts';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new FleetcheckError('invalid-input', `--port: not a port: ${value}`);
  return n;
}

/** `fleetcheck demo` (= `npm start`): the simulated fleet with a week of history, API and dashboard. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'Run a SIMULATED fleet in-process with seven days of backfilled history, the API and the dashboard',
    )
    .option('--port <n>', 'HTTP port (default FLEETCHECK_PORT or 8080)')
    .option('--host <addr>', 'bind address (default 127.0.0.1 without FLEETCHECK_API_TOKEN)')
    .option('--db <path>', 'demo database file, recreated at every start', './fleetcheck-demo.db')
    .option('--scenario <file>', 'scenario file (default sim/scenarios/demo.yaml)')
    .option('--no-backfill', 'skip the seven-day history backfill')
    .action(
      async (opts: { port?: string; host?: string; db: string; scenario?: string; backfill: boolean }) => {
        const env = config();
        const demo = await runDemo({
          port: opts.port !== undefined ? port(opts.port) : env.FLEETCHECK_PORT,
          host: opts.host ?? env.FLEETCHECK_HOST,
          db: opts.db,
          apiToken: env.FLEETCHECK_API_TOKEN,
          backfill: opts.backfill,
          ...(opts.scenario ? { scenario: opts.scenario } : {}),
        });
        stopOnSignals(demo.stop);
      },
    );
}
