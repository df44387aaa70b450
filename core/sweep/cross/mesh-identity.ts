import { type Outcome, outcome } from '../../outcome.ts';
import { configuredPeers, type FleetMember, type PeerIndex } from '../peers.ts';

const CHECK = 'config.mesh.identity';
const HINT_ID =
  'cluster-id must be unique (1-255, or 1-511 with max-connected-clusters=511) across every cluster that ' +
  'meshes together; change it in the Helm values (cluster.id) of one side and restart its agents.';
const HINT_NAME =
  "the clustermesh secret key is the remote's Cilium cluster-name; regenerate the secret (cilium " +
  'clustermesh connect) or align cluster.name in the remote Helm values.';

const skip = (message: string): Outcome => ({ check: CHECK, subject: 'cluster', status: 'skip', message });

/**
 * Cross-cluster `config.mesh.identity`: a cluster-id shared by two clusters of one mesh (connected component
 * of pairs) fails, shared with a meshed cluster of another mesh warns; a cluster-id 0 with peers fails; a
 * secret key naming a fleet cluster whose Cilium cluster-name differs fails. Returns outcomes per cluster.
 */
export function meshIdentityOutcomes(
  members: FleetMember[],
  index: PeerIndex,
  components: ReadonlyMap<string, string>,
): Map<string, Outcome[]> {
  const out = new Map<string, Outcome[]>();
  const meshed = members.filter((m) => configuredPeers(m).length > 0 || components.has(m.name));
  for (const m of members) {
    const name = m.name;
    if (!m.report || (m.report.error && m.report.clusterId === undefined)) continue;
    if (!meshed.includes(m)) {
      out.set(name, [skip('no ClusterMesh peers configured')]);
      continue;
    }
    const id = m.report.clusterId;
    if (id === undefined) {
      out.set(name, [skip('cluster-id unknown (cilium-config not read)')]);
      continue;
    }
    const found: Outcome[] = [];
    if (id === 0) {
      found.push(
        outcome.nonPass('fail', CHECK, 'cluster', 'cluster-id is 0 but the cluster has mesh peers', HINT_ID, {
          evidence: { clusterId: id },
        }),
      );
    }
    for (const other of meshed) {
      const on = other.name;
      if (on === name || other.report?.clusterId !== id || id === 0) continue;
      const sameMesh = components.get(on) !== undefined && components.get(on) === components.get(name);
      const message = sameMesh
        ? `cluster-id ${id} is also used by ${on} in the same mesh`
        : `cluster-id ${id} is also used by ${on} (another mesh); joining them would clash`;
      found.push(
        outcome.nonPass(sameMesh ? 'fail' : 'warn', CHECK, on, message, HINT_ID, {
          evidence: { clusterId: id, clash: on, sameMesh },
        }),
      );
    }
    const myName = index.ciliumName(name);
    for (const other of meshed) {
      const on = other.name;
      if (on === name || myName === undefined || index.ciliumName(on) !== myName) continue;
      if (components.get(on) === undefined || components.get(on) !== components.get(name)) continue;
      found.push(
        outcome.nonPass(
          'fail',
          CHECK,
          on,
          `cluster-name "${myName}" is also used by ${on} in the same mesh`,
          HINT_NAME,
          {
            evidence: { clusterName: myName, clash: on },
          },
        ),
      );
    }
    for (const peer of configuredPeers(m)) {
      const target = index.resolve(peer);
      const actual = target ? index.ciliumName(target) : undefined;
      if (!target || !index.matchedByFleetNameOnly(peer) || actual === undefined || actual === peer) continue;
      found.push(
        outcome.nonPass(
          'fail',
          CHECK,
          peer,
          `clustermesh secret key "${peer}" but ${target}'s Cilium cluster-name is "${actual}"`,
          HINT_NAME,
          { evidence: { secretKey: peer, cluster: target, clusterName: actual } },
        ),
      );
    }
    if (found.length === 0) {
      found.push(
        outcome.pass(CHECK, 'cluster', `cluster-id ${id} and cluster-name unique across the mesh`, {
          evidence: { clusterId: id, clusterName: index.ciliumName(name) ?? null },
        }),
      );
    }
    out.set(name, found);
  }
  return out;
}
