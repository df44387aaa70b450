import { resolve } from 'node:path';
import { textTable } from '../../core/analysis/render-text.ts';
import { loadScenario, startSimulator } from '../../sim/index.ts';
import { resolveClusters } from '../../sim/scenario/load.ts';

interface SimulateOptions {
  scenario: string;
  kubeconfigOut: string;
  plainHttp?: boolean;
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      done(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** `fleetcheck simulate`: runs the fake clusters of a scenario on loopback until SIGINT/SIGTERM. */
export async function simulateAction(opts: SimulateOptions): Promise<void> {
  const scenario = await loadScenario(opts.scenario);
  const sim = await startSimulator(scenario, { plainHttp: opts.plainHttp });
  try {
    const kubeconfig = resolve(opts.kubeconfigOut);
    await sim.writeKubeconfig(kubeconfig);
    const info = new Map(resolveClusters(scenario).map((c) => [c.name, c]));
    const rows = sim.clusters.map((c) => {
      const r = info.get(c.name);
      return [
        c.name,
        r?.provider ?? '',
        r?.region ?? '',
        r?.ciliumVersion ?? '',
        String(r?.nodeNames.length ?? 0),
        r?.mesh.join(', ') ?? '',
        r?.faults.map((f) => f.type).join(', ') ?? '',
        c.server,
      ];
    });
    const table = textTable(
      ['cluster', 'provider', 'region', 'cilium', 'nodes', 'mesh peers', 'faults', 'endpoint'],
      rows,
    );
    process.stdout.write(
      `Simulated fleet (no real clusters): ${sim.clusters.length} fake kube-apiservers on 127.0.0.1\n`,
    );
    process.stdout.write(table);
    process.stdout.write(`kubeconfig written to ${kubeconfig} (one context per cluster)\n`);
    process.stdout.write(
      `  export KUBECONFIG=${kubeconfig}\n  kubectl --context ${sim.clusters[0]?.name ?? '<cluster>'} get pods -n kube-system\n`,
    );
    process.stdout.write('Press Ctrl-C to stop.\n');
    const sig = await waitForSignal();
    process.stdout.write(`\n${sig}: stopping the simulator\n`);
  } finally {
    await sim.stop();
  }
}
