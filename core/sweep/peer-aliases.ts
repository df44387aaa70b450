import { type FleetMember, peerIndex } from './peers.ts';

const PEER_CHECK = 'mesh.peer.connected';

/**
 * Drops a cluster's view of an expected peer named by its fleet name when the same cluster is also configured under
 * its Cilium cluster-name (the clustermesh secret key the agents report): one peer, two names. A single cluster's
 * checks cannot know another cluster's cluster-name, so the alias shows as a configured peer no agent knows; the
 * fleet can, and keeps only the view (and mesh.peer.connected outcome) under the name Cilium uses.
 * @example withoutPeerAliases(members) // prod-east's view 'prod-west' dropped when it also has 'west' = prod-west
 */
export function withoutPeerAliases(members: FleetMember[]): FleetMember[] {
  const index = peerIndex(members);
  return members.map((m) => {
    const views = m.report?.mesh;
    if (!m.report || !views) return m;
    const names = new Set(views.map((v) => v.peer));
    const aliases = new Set(
      views
        .filter((v) => {
          if (!index.matchedByFleetNameOnly(v.peer)) return false;
          const cluster = index.resolve(v.peer);
          const ciliumName = cluster === undefined ? undefined : index.ciliumName(cluster);
          return ciliumName !== undefined && ciliumName !== v.peer && names.has(ciliumName);
        })
        .map((v) => v.peer),
    );
    if (aliases.size === 0) return m;
    return {
      ...m,
      report: {
        ...m.report,
        mesh: views.filter((v) => !aliases.has(v.peer)),
        results: m.report.results.filter((r) => !(r.check === PEER_CHECK && aliases.has(r.subject))),
      },
    };
  });
}
