import type { Command } from 'commander';
import { lazy } from '../lazy.ts';

/** `fleetcheck serve`: API + dashboard + scheduled sweeps of the real fleet. */
export function defineServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the API and dashboard and sweep the fleet on a schedule')
    .option('--fleet <file>', 'fleet file (default FLEETCHECK_FLEET; else kubeconfig contexts)')
    .option('--kubeconfig <paths>', 'kubeconfig file(s), KUBECONFIG-style')
    .option('--context <name...>', 'only these contexts / fleet-file clusters', [])
    .option('--db <path|url>', 'history store (default FLEETCHECK_DB)')
    .option('--port <n>', 'HTTP port (default FLEETCHECK_PORT or 8080)')
    .option('--host <addr>', 'bind address (default 127.0.0.1 without FLEETCHECK_API_TOKEN, else 0.0.0.0)')
    .option(
      '--interval <duration>',
      'time between sweeps, 1m to 7d, e.g. 90s, 5m, 1h (a bare number is seconds; default FLEETCHECK_INTERVAL or 5m)',
    )
    .action(lazy(() => import('../commands/serve.ts'), 'serveAction'));
}

/** `fleetcheck demo` (= `npm start`): the simulated fleet with a week of history, API and dashboard. */
export function defineDemo(program: Command): void {
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
    .action(lazy(() => import('../commands/demo.ts'), 'demoAction'));
}
