import type { ResolvedCluster } from '../scenario/schema.ts';
import { createRng, hash32, type Rng, uuidFrom } from './rng.ts';

/** One simulated node and the pods pinned to it. */
export interface NodeModel {
  name: string;
  ip: string;
  podCIDR: string;
  healthIP: string;
  /** Dual-stack secondary addresses (IPv6), when the cluster is dual stack. */
  ipv6?: string;
  healthIPv6?: string;
  kernel: string;
  zone: string;
  uid: string;
  agentPod: string;
  agentUid: string;
}

export interface PodModel {
  name: string;
  namespace: string;
  uid: string;
  node: string;
  ip: string;
  app: 'cilium-operator' | 'hubble-relay' | 'coredns' | 'demo-app';
}

/** Everything deterministic about a cluster: names, IPs, uids, ages. */
export interface World {
  cluster: ResolvedCluster;
  seed: number;
  startMs: number;
  /** Second octet of the cluster's 10.x.0.0/16 node and pod range. */
  octet: number;
  serviceCIDRPrefix: string;
  nodes: NodeModel[];
  pods: PodModel[];
  uids: Record<string, string>;
  commit: string;
  rng: Rng;
}

function addr(octet: number, third: number, fourth: number): string {
  return `10.${octet}.${third}.${fourth}`;
}

/** Builds the deterministic model of one cluster; same cluster + seed ⇒ same names/IPs/uids. */
export function buildWorld(cluster: ResolvedCluster, index: number, seed: number, startMs: number): World {
  const rng = createRng(seed, cluster.name);
  const octet = 1 + ((index + (seed >>> 0)) % 250);
  const zones = ['a', 'b', 'c'].map((z) => `${cluster.region}${cluster.provider === 'gke' ? '-' : ''}${z}`);
  const nodes: NodeModel[] = cluster.nodeNames.map((name, n) => ({
    name,
    ip: addr(octet, Math.floor(n / 240), 10 + (n % 240)),
    podCIDR: `10.${octet}.${64 + (n % 190)}.0/24`,
    healthIP: `10.${octet}.${64 + (n % 190)}.${rng.int(2, 250)}`,
    ...(cluster.dualStack
      ? {
          ipv6: `fd00:${octet.toString(16)}::${(10 + n).toString(16)}`,
          healthIPv6: `fd00:${octet.toString(16)}:${(64 + (n % 190)).toString(16)}::${(2 + n).toString(16)}`,
        }
      : {}),
    kernel: cluster.kernels[name] ?? '6.1.112',
    zone: zones[n % zones.length] ?? cluster.region,
    uid: uuidFrom(rng),
    agentPod: `cilium-${rng.suffix(5)}`,
    agentUid: uuidFrom(rng),
  }));
  const pods: PodModel[] = [];
  const podIp = (n: number): string => {
    const node = nodes[n % nodes.length] as NodeModel;
    return node.podCIDR.replace(/0\/24$/, String(rng.int(10, 250)));
  };
  const addPods = (app: PodModel['app'], namespace: string, count: number): void => {
    const rs = rng.hex(10).replace(/[0-9a-f]/g, (c) => 'bcdfghjklm'[Number.parseInt(c, 16) % 10] ?? c);
    for (let i = 0; i < count; i++) {
      const n = (hash32(`${cluster.name}/${app}`) + i) % nodes.length;
      pods.push({
        name: `${app}-${rs}-${rng.suffix(5)}`,
        namespace,
        uid: uuidFrom(rng),
        node: (nodes[n] as NodeModel).name,
        ip: app === 'cilium-operator' ? (nodes[n] as NodeModel).ip : podIp(n),
        app,
      });
    }
  };
  addPods('cilium-operator', 'kube-system', nodes.length > 1 ? 2 : 1);
  if (cluster.hubble) addPods('hubble-relay', 'kube-system', 1);
  addPods('coredns', 'kube-system', 2);
  addPods('demo-app', 'default', 2);
  const uids: Record<string, string> = {};
  for (const key of ['ds/cilium', 'deploy/cilium-operator', 'deploy/hubble-relay', 'deploy/coredns']) {
    uids[key] = uuidFrom(rng);
  }
  return {
    cluster,
    seed,
    startMs,
    octet,
    serviceCIDRPrefix: cluster.provider === 'eks' ? '172.20.0' : '10.96.0',
    nodes,
    pods,
    uids,
    commit: rng.hex(8),
    rng,
  };
}

/** A timestamp `ageSeconds` before the simulator started, RFC 3339 without millis. */
export function createdAgo(world: World, ageSeconds: number): string {
  return new Date(world.startMs - ageSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3339 without millis for a clock value. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
