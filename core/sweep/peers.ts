import type { ClusterReport } from './report.ts';

/** What cross-cluster logic needs of one cluster: its fleet name and expected peers, and (after the run) report. */
export interface FleetMember {
  /** A ClusterTarget fits; only the name and expected peers are read. */
  target: { name: string; expectedPeers?: readonly string[] };
  report?: ClusterReport;
}

/** Maps mesh peer names (clustermesh secret keys, i.e. Cilium cluster-names) to fleet cluster names. */
export interface PeerIndex {
  /** The fleet cluster a peer name refers to, or undefined for a peer outside the fleet. */
  resolve(peer: string): string | undefined;
  /** True when `peer` matched the fleet name of a cluster rather than its Cilium cluster-name. */
  matchedByFleetNameOnly(peer: string): boolean;
  /** The Cilium cluster-name a fleet cluster reported (cilium-config `cluster-name`). */
  ciliumName(cluster: string): string | undefined;
}

/** Builds the index; the Cilium cluster-name wins over the fleet name when both could match. */
export function peerIndex(members: FleetMember[]): PeerIndex {
  const byCiliumName = new Map<string, string>();
  const ciliumNames = new Map<string, string>();
  const fleetNames = new Set<string>();
  for (const m of members) {
    fleetNames.add(m.target.name);
    const cn = m.report?.config?.['cluster-name'];
    if (cn) {
      ciliumNames.set(m.target.name, cn);
      if (!byCiliumName.has(cn)) byCiliumName.set(cn, m.target.name);
    }
  }
  return {
    resolve: (peer) => byCiliumName.get(peer) ?? (fleetNames.has(peer) ? peer : undefined),
    matchedByFleetNameOnly: (peer) => !byCiliumName.has(peer) && fleetNames.has(peer),
    ciliumName: (cluster) => ciliumNames.get(cluster),
  };
}

/** Peer names a cluster is configured for: its clustermesh secret (mesh views) plus the fleet's expectedPeers. */
export function configuredPeers(member: FleetMember): string[] {
  const names = new Set(member.target.expectedPeers);
  for (const v of member.report?.mesh ?? []) if (v.configured) names.add(v.peer);
  return [...names];
}
