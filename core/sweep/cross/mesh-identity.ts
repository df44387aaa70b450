import { appendTo } from '../../map-lists.ts';
import { type Outcome, outcome, worstStatus } from '../../outcome.ts';
import { configuredPeers, type FleetMember, type PeerIndex } from '../peers.ts';

const CHECK = 'config.mesh.identity';
const HINT_ID =
  'cluster-id must be unique (1-255, or 1-511 with max-connected-clusters=511) across every cluster that ' +
  'meshes together; change cluster.id in the Helm values of one side and restart its agents.';
const HINT_NAME =
  "the clustermesh secret key must be the remote's Cilium cluster-name and names must be unique in a mesh; " +
  'align cluster.name in the Helm values, then regenerate the secret (cilium clustermesh connect).';

interface Finding {
  status: 'warn' | 'fail';
  message: string;
  hint: string;
  evidence: Record<string, unknown>;
}

function findingsFor(
  m: FleetMember,
  meshed: FleetMember[],
  index: PeerIndex,
  components: ReadonlyMap<string, string>,
) {
  const found = new Map<string, Finding[]>();
  const add = (subject: string, f: Finding) => appendTo(found, subject, f);
  const id = m.report?.clusterId;
  const myName = index.ciliumName(m.target.name);
  for (const other of meshed) {
    const on = other.target.name;
    if (on === m.target.name) continue;
    const sameMesh = components.get(on) !== undefined && components.get(on) === components.get(m.target.name);
    // Cluster-ids only need to be unique among clusters that connect (one mesh); other meshes may reuse them.
    if (sameMesh && id !== undefined && id !== 0 && other.report?.clusterId === id) {
      add(on, {
        status: 'fail',
        message: `cluster-id ${id} is also used by ${on} in the same mesh`,
        hint: HINT_ID,
        evidence: { clusterId: id, clash: on },
      });
    }
    if (sameMesh && myName !== undefined && index.ciliumName(on) === myName) {
      add(on, {
        status: 'fail',
        message: `cluster-name "${myName}" is also used by ${on} in the same mesh`,
        hint: HINT_NAME,
        evidence: { clusterName: myName, clash: on },
      });
    }
  }
  for (const peer of configuredPeers(m)) {
    const target = index.resolve(peer);
    const actual = target ? index.ciliumName(target) : undefined;
    if (!target || !index.matchedByFleetNameOnly(peer) || actual === undefined || actual === peer) continue;
    add(peer, {
      status: 'fail',
      message: `clustermesh secret key "${peer}" but ${target}'s Cilium cluster-name is "${actual}"`,
      hint: HINT_NAME,
      evidence: { secretKey: peer, cluster: target, clusterName: actual },
    });
  }
  return found;
}

/**
 * Cross-cluster `config.mesh.identity` (the per-cluster check in core/checks covers subject `cluster`): a
 * cluster-id or cluster-name shared by two clusters of one mesh (connected component of pairs) fails; clusters of
 * different meshes never clash; a secret key naming a fleet cluster whose
 * Cilium cluster-name differs fails (subject: the other cluster / the key); otherwise one pass, subject `mesh`.
 */
export function meshIdentityOutcomes(
  members: FleetMember[],
  index: PeerIndex,
  components: ReadonlyMap<string, string>,
): Map<string, Outcome[]> {
  const out = new Map<string, Outcome[]>();
  const meshed = members.filter((m) => configuredPeers(m).length > 0 || components.has(m.target.name));
  for (const m of meshed) {
    const id = m.report?.clusterId;
    if (id === undefined) continue;
    const results: Outcome[] = [];
    for (const [subject, fs] of findingsFor(m, meshed, index, components)) {
      const status = worstStatus(fs.map((f) => f.status)) === 'fail' ? 'fail' : 'warn';
      const hint = [...new Set(fs.map((f) => f.hint))].join(' ');
      const evidence = Object.assign({}, ...fs.map((f) => f.evidence));
      results.push(
        outcome.nonPass(status, CHECK, subject, fs.map((f) => f.message).join('; '), hint, { evidence }),
      );
    }
    if (results.length === 0) {
      const evidence = { clusterId: id, clusterName: index.ciliumName(m.target.name) ?? null };
      results.push(
        outcome.pass(CHECK, 'mesh', `cluster-id ${id} and cluster-name unique across the mesh`, { evidence }),
      );
    }
    out.set(m.target.name, results);
  }
  return out;
}
