import type { Command } from 'commander';
import { lazy } from '../lazy.ts';

/** `fleetcheck simulate`: runs the fake clusters of a scenario on loopback until SIGINT/SIGTERM. */
export function defineSimulate(program: Command): void {
  program
    .command('simulate')
    .description('run a simulated fleet (fake kube-apiservers on 127.0.0.1) from a scenario until stopped')
    .option('--scenario <file>', 'scenario YAML', 'sim/scenarios/demo.yaml')
    .option('--kubeconfig-out <file>', 'where to write the kubeconfig', 'fleetcheck-sim.kubeconfig')
    .option('--plain-http', 'serve plain HTTP instead of HTTPS (testing only)')
    .action(lazy(() => import('../commands/simulate.ts'), 'simulateAction'));
}
