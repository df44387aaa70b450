import type { HealthPeerView, MeshPeerView, ProbeView } from '../cilium/agent-view.ts';
import { type ActiveFault, appliesTo, ofType } from '../cluster/faults.ts';
import type { World } from '../world/model.ts';
import { ciliumConfigData } from '../world/objects-config.ts';
import { hash32 } from '../world/rng.ts';
import type { PeerInfo } from './peer-info.ts';

function rtt(from: string, to: string, kind: string, local: boolean): number {
  const h = hash32(`${from}>${to}:${kind}`);
  return local ? 40_000 + (h % 160_000) : 180_000 + (h % 900_000);
}

/** A node cilium-health probes: its name as faults name it (`node-2`, or `west/node-2` for a mesh peer's). */
interface ProbedNode {
  ref: string;
  node: string;
  cluster?: string;
  ip: string;
  healthIP: string;
  ipv6?: string;
  healthIPv6?: string;
}

type Family = 'ipv4' | 'ipv6';

function peerView(from: string, peer: ProbedNode, active: ActiveFault[], isLocal: boolean): HealthPeerView {
  const cuts = ofType(active, 'health-unreachable').filter(
    (a) => a.fault.to === peer.ref && (a.fault.from === undefined || a.fault.from === from) && !isLocal,
  );
  const slow = ofType(active, 'health-latency').find((a) => a.fault.to === peer.ref && !isLocal);
  // A crash-looping agent serves neither its health endpoint nor the :4240 responder on the host.
  const agentDown =
    !isLocal &&
    peer.cluster === undefined &&
    ofType(active, 'agent-crashloop').some((a) => appliesTo(a.fault, peer.node));
  const probe = (
    family: Family,
    target: 'host' | 'endpoint',
    kind: 'icmp' | 'http',
    ip: string,
  ): ProbeView => {
    const cut =
      (agentDown && (target === 'endpoint' || kind === 'http')) ||
      cuts.some(
        (c) =>
          (c.fault.family === 'both' || c.fault.family === family) &&
          (c.fault.target === 'both' || c.fault.target === target) &&
          (c.fault.probe === 'both' || c.fault.probe === kind),
      );
    if (cut) {
      const host = family === 'ipv6' ? `[${ip}]` : ip;
      return {
        error:
          kind === 'icmp'
            ? 'Connection timed out'
            : `Get "http://${host}:4240/hello": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
      };
    }
    const base = rtt(from, peer.ref, `${family}/${target}/${kind}`, isLocal);
    return { rttNs: slow ? slow.fault.ms * 1_000_000 + (base % 1_000_000) : base };
  };
  const pair = (family: Family, nodeIP: string, healthIP: string) => ({
    host: { icmp: probe(family, 'host', 'icmp', nodeIP), http: probe(family, 'host', 'http', nodeIP) },
    endpoint: {
      icmp: probe(family, 'endpoint', 'icmp', healthIP),
      http: probe(family, 'endpoint', 'http', healthIP),
    },
  });
  const view: HealthPeerView = {
    node: peer.node,
    nodeIP: peer.ip,
    healthIP: peer.healthIP,
    isLocal,
    ...pair('ipv4', peer.ip, peer.healthIP),
  };
  if (peer.cluster !== undefined) view.cluster = peer.cluster;
  if (peer.ipv6 && peer.healthIPv6)
    view.secondary = {
      nodeIP: peer.ipv6,
      healthIP: peer.healthIPv6,
      ...pair('ipv6', peer.ipv6, peer.healthIPv6),
    };
  return view;
}

/** The cilium-health matrix as seen from `node`, with health-unreachable / health-latency / crashloop applied. */
export function healthPeers(world: World, node: string, active: ActiveFault[]): HealthPeerView[] {
  return world.nodes.map((peer) =>
    peerView(node, { ...peer, ref: peer.name, node: peer.name }, active, peer.name === node),
  );
}

/**
 * Nodes of the connected ClusterMesh peers, which cilium-health probes too once the mesh has synced them
 * (named `<cluster>/<node>`); never the local cluster, whose own secret entry the agents ignore.
 */
export function meshHealthPeers(
  world: World,
  node: string,
  active: ActiveFault[],
  peerInfo: (name: string) => PeerInfo,
): HealthPeerView[] {
  const own = ownClusterName(world);
  return world.cluster.mesh
    .filter((name) => name !== own && ofType(active, 'mesh-disconnected').every((a) => a.fault.peer !== name))
    .flatMap((name) => {
      const info = peerInfo(name);
      if (!info.exists || info.down) return [];
      const cluster = info.ciliumName ?? name;
      return info.nodeList.map((n) =>
        peerView(node, { ...n, ref: `${cluster}/${n.name}`, node: n.name, cluster }, active, false),
      );
    });
}

/** The local cluster-name as the agents know it (cilium-config `cluster-name`). */
export function ownClusterName(world: World): string {
  return ciliumConfigData(world)['cluster-name'] ?? world.cluster.name;
}

/** Mesh peers from the clustermesh secret, with readiness from the peer's existence, apiserver and faults. */
export function meshPeers(
  world: World,
  active: ActiveFault[],
  peerInfo: (name: string) => PeerInfo,
  nowMs: number,
): MeshPeerView[] {
  const own = ownClusterName(world);
  return world.cluster.mesh
    .filter((name) => name !== own)
    .map((name) => {
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
