import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { PeerInfo } from './agent/peer-info.ts';
import { ownClusterName } from './agent/peers.ts';
import { ClusterSim } from './cluster/cluster-sim.ts';
import { kubeconfigYaml } from './kubeconfig.ts';
import type { Identity } from './rbac/authorize.ts';
import { deployRbacPolicy } from './rbac/policy.ts';
import { FLEETCHECK_SERVICE_ACCOUNT, serviceAccountIdentity } from './rbac/service-account.ts';
import { resolveClusters } from './scenario/load.ts';
import { faultSchema, type Scenario } from './scenario/schema.ts';
import { ApiServer } from './server/apiserver.ts';
import { createExecWss } from './server/exec.ts';
import { generatePki } from './tls/pki.ts';
import type { ClusterStats, FaultInput, SimulatedCluster, Simulator, SimulatorOptions } from './types.ts';

const TICK_MS = 200;
/** The identity deploy/rbac.yaml binds (group fleetcheck); its grants are enforced. */
const FLEETCHECK: Identity = { user: 'fleetcheck', groups: ['fleetcheck', 'system:authenticated'] };
const ADMIN: Identity = { user: 'admin', groups: ['system:masters', 'system:authenticated'] };
const SERVICE_ACCOUNT = serviceAccountIdentity(FLEETCHECK_SERVICE_ACCOUNT);
const simToken = () => `fleetcheck-sim.${randomBytes(16).toString('hex')}`;

/** Starts every cluster of the scenario: one ClusterSim + ApiServer each, one shared CA/cert. */
export async function startFleet(scenario: Scenario, opts: SimulatorOptions): Promise<Simulator> {
  const clock = opts.clock ?? Date.now;
  const startMs = clock();
  // Key generation runs in the libuv pool while the world models are built below.
  const pkiPromise = opts.plainHttp ? undefined : generatePki(new Date(startMs));
  const wss = createExecWss();
  const sims = new Map<string, ClusterSim>();
  const servers = new Map<string, ApiServer>();
  const peerInfo = (name: string): PeerInfo => {
    const peer = sims.get(name);
    if (!peer) return { exists: false, down: false, nodes: 0, nodeList: [], endpoints: 0 };
    return {
      exists: true,
      down: peer.isDown(),
      clusterId: peer.world.cluster.clusterId,
      ciliumName: ownClusterName(peer.world),
      nodes: peer.world.nodes.length,
      nodeList: peer.world.nodes,
      endpoints: peer.endpointCount,
    };
  };
  resolveClusters(scenario).forEach((c, i) => {
    sims.set(c.name, new ClusterSim(c, i, scenario.seed, startMs, clock, peerInfo));
  });
  const pki = await pkiPromise;
  const clusters: SimulatedCluster[] = [];
  const tokens = new Map<string, { token: string; adminToken: string; serviceAccountToken: string }>();
  const policy = deployRbacPolicy();
  for (const sim of sims.values()) {
    const issued = { token: simToken(), adminToken: simToken(), serviceAccountToken: simToken() };
    tokens.set(sim.name, issued);
    servers.set(
      sim.name,
      new ApiServer({
        cluster: sim,
        tokens: new Map<string, Identity>([
          [issued.token, FLEETCHECK],
          [issued.adminToken, ADMIN],
          [issued.serviceAccountToken, SERVICE_ACCOUNT],
        ]),
        policy,
        tls: pki ? { key: pki.serverKeyPem, cert: pki.serverCertPem } : undefined,
        wss,
      }),
    );
  }
  await Promise.all([...servers.values()].map((s) => s.listen()));
  for (const [name, server] of servers) {
    clusters.push({
      name,
      server: `${pki ? 'https' : 'http'}://127.0.0.1:${server.port}`,
      token: tokens.get(name)?.token ?? '',
      adminToken: tokens.get(name)?.adminToken ?? '',
      serviceAccountToken: tokens.get(name)?.serviceAccountToken ?? '',
    });
  }
  let stopped = false;
  const reconcileListeners = async (): Promise<void> => {
    for (const [name, server] of servers) {
      const sim = sims.get(name);
      if (!sim || stopped) continue;
      const down = sim.isDown();
      if (down && server.isListening) await server.close();
      else if (!down && !server.isListening) await server.listen().catch(() => undefined);
    }
  };
  let ticking = false;
  const timer = setInterval(() => {
    if (ticking) return;
    ticking = true;
    for (const sim of sims.values()) if (sim.needsTick()) sim.sync();
    reconcileListeners().finally(() => {
      ticking = false;
    });
  }, TICK_MS);
  timer.unref();
  await reconcileListeners();
  const need = (name: string): ClusterSim => {
    const sim = sims.get(name);
    if (!sim) throw new Error(`unknown simulated cluster "${name}"`);
    return sim;
  };
  return {
    clusters,
    caPem: pki?.caPem ?? '',
    kubeconfigYaml: () => kubeconfigYaml(clusters, pki?.caPem),
    writeKubeconfig: (file) => writeFile(file, kubeconfigYaml(clusters, pki?.caPem), { mode: 0o600 }),
    setFaults: (name: string, faults: FaultInput[]) => {
      need(name).setFaults(faultSchema.array().parse(faults));
      void reconcileListeners();
    },
    stats: (name: string): ClusterStats => {
      const sim = need(name);
      const jobPods = sim.store.list('pods').filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'Job');
      return sim.stats.snapshot(sim.jobs.liveJobs, jobPods.length);
    },
    resetStats: () => {
      for (const sim of sims.values()) sim.stats.reset();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...servers.values()].map((s) => (s.isListening ? s.close() : Promise.resolve())));
      wss.close();
    },
  };
}
