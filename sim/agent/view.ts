import type {
  AgentView,
  ComponentStatus,
  ControllerView,
  EndpointView,
  HealthPeerView,
  MeshPeerView,
  ProbeView,
} from '../cilium/agent-view.ts';
import { probeIntervalFor } from '../cilium/probe-interval.ts';
import { type ActiveFault, appliesTo, ofType } from '../cluster/faults.ts';
import type { World } from '../world/model.ts';
import type { EndpointModel } from '../world/objects-cep.ts';
import { ciliumConfigData } from '../world/objects-config.ts';
import { hash32 } from '../world/rng.ts';

/** What this cluster's agents can learn about a configured mesh peer. */
export interface PeerInfo {
  /** False when the peer is not in the scenario. */
  exists: boolean;
  /** The peer's apiserver (and so its clustermesh-apiserver) is down. */
  down: boolean;
  clusterId?: number;
  nodes: number;
  endpoints: number;
}

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

function rtt(from: string, to: string, kind: string, local: boolean): number {
  const h = hash32(`${from}>${to}:${kind}`);
  return local ? 40_000 + (h % 160_000) : 180_000 + (h % 900_000);
}

function healthPeers(world: World, node: string, active: ActiveFault[]): HealthPeerView[] {
  return world.nodes.map((peer) => {
    const isLocal = peer.name === node;
    const cuts = ofType(active, 'health-unreachable').filter(
      (a) => a.fault.to === peer.name && (a.fault.from === undefined || a.fault.from === node) && !isLocal,
    );
    const slow = ofType(active, 'health-latency').find((a) => a.fault.to === peer.name && !isLocal);
    const probe = (target: 'host' | 'endpoint', kind: 'icmp' | 'http', ip: string): ProbeView => {
      const cut = cuts.some(
        (c) =>
          (c.fault.target === 'both' || c.fault.target === target) &&
          (c.fault.probe === 'both' || c.fault.probe === kind),
      );
      if (cut)
        return {
          error:
            kind === 'icmp'
              ? 'Connection timed out'
              : `Get "http://${ip}:4240/hello": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
        };
      const base = rtt(node, peer.name, `${target}/${kind}`, isLocal);
      return { rttNs: slow ? slow.fault.ms * 1_000_000 + (base % 1_000_000) : base };
    };
    return {
      node: peer.name,
      nodeIP: peer.ip,
      healthIP: peer.healthIP,
      isLocal,
      host: { icmp: probe('host', 'icmp', peer.ip), http: probe('host', 'http', peer.ip) },
      endpoint: {
        icmp: probe('endpoint', 'icmp', peer.healthIP),
        http: probe('endpoint', 'http', peer.healthIP),
      },
    };
  });
}

function meshPeers(
  world: World,
  active: ActiveFault[],
  peerInfo: (name: string) => PeerInfo,
  nowMs: number,
): MeshPeerView[] {
  return world.cluster.mesh.map((name) => {
    const info = peerInfo(name);
    const cut = ofType(active, 'mesh-disconnected').find((a) => a.fault.peer === name);
    const base = {
      name,
      clusterId: info.clusterId,
      numIdentities: 8 + (hash32(name) % 20),
      numServices: 4 + (hash32(name) % 7),
    };
    if (cut || !info.exists || info.down) {
      const status =
        cut?.fault.message ??
        (info.exists
          ? `etcd: 0/1 connected, leases=0, lock leases=0, has-quorum=false: https://${name}.mesh.cilium.io:2379 - context deadline exceeded`
          : 'remote cluster configuration required but not found');
      return {
        ...base,
        numIdentities: 0,
        numServices: 0,
        ready: false,
        connected: false,
        numNodes: 0,
        numEndpoints: 0,
        numFailures: 3 + (hash32(name) % 5),
        lastFailure: new Date(cut?.sinceMs ?? nowMs - 60_000),
        status,
      };
    }
    return {
      ...base,
      ready: true,
      connected: true,
      numNodes: info.nodes,
      numEndpoints: info.endpoints,
      numFailures: 0,
      status: `etcd: 1/1 connected, leases=0, lock leases=0, has-quorum=true: https://${name}.mesh.cilium.io:2379 - 3.5.16 (Leader)`,
    };
  });
}

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
  return {
    version: v,
    commit: world.commit,
    clusterName: world.cluster.name,
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
    healthPeers: healthPeers(world, node, active),
    probeInterval: probeIntervalFor(world.nodes.length * 2, v),
    endpoints,
  };
}
