/** What this cluster's agents can learn about a configured mesh peer. */
export interface PeerInfo {
  /** False when the peer is not in the scenario. */
  exists: boolean;
  /** The peer's apiserver (and so its clustermesh-apiserver) is down. */
  down: boolean;
  clusterId?: number;
  /** The peer's cilium-config `cluster-name`. */
  ciliumName?: string;
  nodes: number;
  /** The peer's nodes, for the cilium-health probes across the mesh. */
  nodeList: { name: string; ip: string; healthIP: string; ipv6?: string; healthIPv6?: string }[];
  endpoints: number;
}
