import type { HealthPeerView, MeshPeerView, ProbeView } from '../cilium/agent-view.ts';
import { type ActiveFault, appliesTo, ofType } from '../cluster/faults.ts';
import type { World } from '../world/model.ts';
import { hash32 } from '../world/rng.ts';
import type { PeerInfo } from './view.ts';

function rtt(from: string, to: string, kind: string, local: boolean): number {
  const h = hash32(`${from}>${to}:${kind}`);
  return local ? 40_000 + (h % 160_000) : 180_000 + (h % 900_000);
}

/** The cilium-health matrix as seen from `node`, with health-unreachable / health-latency / crashloop applied. */
export function healthPeers(world: World, node: string, active: ActiveFault[]): HealthPeerView[] {
  return world.nodes.map((peer) => {
    const isLocal = peer.name === node;
    const cuts = ofType(active, 'health-unreachable').filter(
      (a) => a.fault.to === peer.name && (a.fault.from === undefined || a.fault.from === node) && !isLocal,
    );
    const slow = ofType(active, 'health-latency').find((a) => a.fault.to === peer.name && !isLocal);
    // A crash-looping agent serves neither its health endpoint nor the :4240 responder on the host.
    const agentDown =
      !isLocal && ofType(active, 'agent-crashloop').some((a) => appliesTo(a.fault, peer.name));
    const probe = (target: 'host' | 'endpoint', kind: 'icmp' | 'http', ip: string): ProbeView => {
      const cut =
        (agentDown && (target === 'endpoint' || kind === 'http')) ||
        cuts.some(
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

/** Mesh peers from the clustermesh secret, with readiness from the peer's existence, apiserver and faults. */
export function meshPeers(
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
