import { expect, it } from 'vitest';
import { parseScenario, startSimulator } from '../../sim/index.ts';
import type { ControlPlane } from './control-plane.ts';
import { runSteps, STEPS } from './differential.ts';
import { serviceAccountToken } from './service-account.ts';

/** The same request sequence against the simulator (same Kubernetes version) and the real apiserver. */
export function differentialChecks(version: string, cp: () => ControlPlane): void {
  it(`answers ${STEPS.length} requests with the same codes, Status bodies and list shapes`, async () => {
    const sim = await startSimulator(
      parseScenario(
        `version: 1\nclusters: [{ name: diff, nodes: 2, provider: generic, kubernetesVersion: "${version}" }]`,
      ),
    );
    try {
      const c = sim.clusters[0];
      if (!c) throw new Error('no simulated cluster');
      const simulated = await runSteps({
        server: c.server,
        caPem: sim.caPem,
        tokens: { fleetcheck: c.token, serviceaccount: c.serviceAccountToken, admin: c.adminToken },
      });
      const real = await runSteps({
        server: cp().server,
        caPem: cp().caPem,
        tokens: {
          fleetcheck: cp().fleetcheckToken,
          serviceaccount: await serviceAccountToken(cp()),
          admin: cp().adminToken,
        },
      });
      for (const s of STEPS) expect.soft(simulated[s.name], s.name).toEqual(real[s.name]);
    } finally {
      await sim.stop();
    }
  });
}
