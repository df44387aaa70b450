import type {
  AgentView,
  ComponentStatus,
  ControllerView,
  EndpointView,
  HealthPeerView,
} from '../cilium/agent-view.ts';
import { probeIntervalFor } from '../cilium/probe-interval.ts';
import { type ActiveFault, appliesTo, ofType } from '../cluster/faults.ts';
import type { World } from '../world/model.ts';
import type { EndpointModel } from '../world/objects-cep.ts';
import { ciliumConfigData } from '../world/objects-config.ts';
import { hash32 } from '../world/rng.ts';
import type { PeerInfo } from './peer-info.ts';
import { healthPeers, meshHealthPeers, meshPeers, ownClusterName } from './peers.ts';

const CONTROLLERS = [
  'bpf-map-sync-cilium_lxc',
  'cilium-health-ep',
  'dns-garbage-collector-job',
  'endpoint-gc',
  'ipcache-inject-labels',
  'k8s-heartbeat',
  'link-cache',
  'neighbor-table-refresh',
  'sync-host-ips',
  'sync-lb-maps-with-k8s-services',
  'sync-policymap-1',
  'sync-to-k8s-ciliumendpoint (1)',
  'template-dir-watcher',
];

const ok = (msg: string): ComponentStatus => ({ state: 'Ok', msg });

function endpointViews(world: World, node: string, eps: EndpointModel[]): EndpointView[] {
  const n = world.nodes.find((x) => x.name === node);
  const own = eps.filter((e) => e.node === node);
  const views: EndpointView[] = [
    {
      id: 10 + (hash32(`${node}/host`) % 900),
      identity: 1,
      labels: ['reserved:host'],
      ipv4: '',
      state: 'ready',
      policyIngress: 'Disabled',
      policyEgress: 'Disabled',
    },
    {
      id: 1000 + (hash32(`${node}/health`) % 900),
      identity: 4,
      labels: ['reserved:health'],
      ipv4: n?.healthIP ?? '',
      state: 'ready',
      policyIngress: 'Disabled',
      policyEgress: 'Disabled',
    },
  ];
  for (const e of own)
    views.push({
      id: e.id,
      identity: e.identity,
      labels: e.labels,
      ipv4: e.ip,
      state: e.state,
      namespace: e.namespace,
      podName: e.name,
      policyIngress: 'Disabled',
      policyEgress: 'Disabled',
    });
  return views.sort((a, b) => a.id - b.id);
}

/** Builds what the agent on `node` reports, from the world + active faults. */
export function buildAgentView(
  world: World,
  node: string,
  active: ActiveFault[],
  eps: EndpointModel[],
  peerInfo: (name: string) => PeerInfo,
  nowMs: number,
): AgentView {
  const n = world.nodes.find((x) => x.name === node) ?? world.nodes[0];
  const cfg = ciliumConfigData(world);
  const v = world.cluster.ciliumVersion;
  const comps: Record<'cilium' | 'kvstore' | 'kubernetes' | 'health' | 'hubble', ComponentStatus> = {
    cilium: ok(`${v} (v${v}-${world.commit})`),
    kvstore: ok('Disabled'),
    kubernetes: ok('1.32 (v1.32.4) [linux/amd64]'),
    health: ok(''),
    hubble: world.cluster.hubble ? ok('') : { state: 'Disabled', msg: '' },
  };
  if (world.cluster.hubble && ofType(active, 'hubble-down').length > 0)
    comps.hubble = { state: 'Warning', msg: 'Server not initialized' };
  for (const a of ofType(active, 'agent-status'))
    if (appliesTo(a.fault, node)) comps[a.fault.component] = { state: a.fault.state, msg: a.fault.message };
  const controllers: ControllerView[] = CONTROLLERS.map((name) => ({ name }));
  for (const a of ofType(active, 'controller-failing')) {
    if (!appliesTo(a.fault, node)) continue;
    const failing = {
      name: a.fault.name,
      failureMessage: a.fault.message,
      failureCount: 1 + Math.floor((nowMs - a.sinceMs) / 10_000),
    };
    const i = controllers.findIndex((c) => c.name === a.fault.name);
    if (i >= 0) controllers[i] = failing;
    else controllers.push(failing);
  }
  const endpoints = endpointViews(world, node, eps);
  let matrix: HealthPeerView[] | undefined;
  let meshMatrix: HealthPeerView[] | undefined;
  return {
    version: v,
    commit: world.commit,
    clusterName: ownClusterName(world),
    clusterId: world.cluster.clusterId,
    nodeName: n?.name ?? node,
    nodeIP: n?.ip ?? '',
    podCIDR: n?.podCIDR ?? '',
    allocatedIPs: endpoints.length + 1,
    k8sVersion: 'v1.32.4',
    kernel: n?.kernel ?? '',
    routingMode: cfg['routing-mode'] === 'native' ? 'native' : 'tunnel',
    tunnelProtocol: cfg['tunnel-protocol'] === 'geneve' ? 'geneve' : 'vxlan',
    kubeProxyReplacement:
      cfg['kube-proxy-replacement'] === 'true' || cfg['kube-proxy-replacement'] === 'strict',
    cpus: 4,
    now: new Date(nowMs),
    ...comps,
    hubble: {
      ...comps.hubble,
      enabled: world.cluster.hubble,
      currentFlows: 4095,
      maxFlows: 4095,
      flowsPerSecond: 10 + (hash32(node) % 9000) / 100,
    },
    controllers,
    mesh: meshPeers(world, active, peerInfo, nowMs),
    // The cilium-health matrix, built only for the commands that print it.
    get healthPeers() {
      matrix ??= healthPeers(world, node, active);
      return matrix;
    },
    get meshHealthPeers() {
      meshMatrix ??= meshHealthPeers(world, node, active, peerInfo);
      return meshMatrix;
    },
    probeInterval: probeIntervalFor(world.nodes.length * 2, v),
    endpoints,
  };
}
