import type { ClusterTarget } from '../../core/fleet/target.ts';
import { clusterApiFromEndpoint } from '../../core/kube/index.ts';
import type { SimulatedCluster } from '../../sim/index.ts';
import type { ResolvedCluster } from '../../sim/scenario/schema.ts';

/** ClusterTargets for the in-process simulator, with provider/region/mesh facts taken from the scenario. */
export function simulatorTargets(
  sim: { clusters: SimulatedCluster[]; caPem: string },
  resolved: ResolvedCluster[],
): ClusterTarget[] {
  const caData = Buffer.from(sim.caPem).toString('base64');
  const byName = new Map(resolved.map((c) => [c.name, c]));
  return sim.clusters.map((c) => {
    const facts = byName.get(c.name);
    const meshGroup = facts?.mesh.length ? [c.name, ...facts.mesh].sort()[0] : undefined;
    return {
      name: c.name,
      provider: facts?.provider ?? 'generic',
      ...(facts?.region ? { region: facts.region } : {}),
      ...(facts?.account ? { account: facts.account } : {}),
      labels: facts?.labels ?? {},
      ...(meshGroup ? { meshGroup } : {}),
      expectedPeers: [],
      probeTargets: [],
      overrides: {},
      source: { kind: 'kubeconfig', context: c.name },
      connect: async () =>
        clusterApiFromEndpoint({ name: c.name, server: c.server, caData, token: async () => c.token }),
    };
  });
}
