import { appendTo } from '../../map-lists.ts';
import { type Outcome, outcome } from '../../outcome.ts';
import type { PeerIndex } from '../peers.ts';
import type { MeshPair } from '../plan.ts';
import type { ClusterReport } from '../report.ts';

const ID = 'mesh.peer.connected';

function configures(report: ClusterReport | undefined, peer: string, index: PeerIndex): boolean | undefined {
  if (!report?.mesh) return undefined;
  return report.mesh.some((v) => v.configured && index.resolve(v.peer) === peer);
}

/**
 * A pair configured on one side only (the other side's clustermesh secret lacks it): the side missing the entry
 * gets a `warn` naming the peer that expects it, since peers are checked against the configured set both ways.
 * @example oneWayMeshOutcomes([{ a: 'x', b: 'y' }], reports, index).get('y')?.[0]?.status // 'warn'
 */
export function oneWayMeshOutcomes(
  pairs: MeshPair[],
  reports: ReadonlyMap<string, ClusterReport>,
  index: PeerIndex,
): Map<string, Outcome[]> {
  const out = new Map<string, Outcome[]>();
  for (const { a, b } of pairs) {
    for (const [self, other] of [
      [a, b],
      [b, a],
    ] as const) {
      if (configures(reports.get(self), other, index) !== false) continue;
      if (configures(reports.get(other), self, index) !== true) continue;
      const o = outcome.nonPass(
        'warn',
        ID,
        other,
        `${other} lists this cluster as a ClusterMesh peer, but ${other} is not in this cluster's kube-system/cilium-clustermesh secret (one-way mesh)`,
        `Connect both sides (\`cilium clustermesh connect\`, or add ${other} to this cluster's clustermesh.config.clusters in the Helm values): with a one-way mesh only one side sees the other's services and identities.`,
      );
      appendTo(out, self, o);
    }
  }
  return out;
}
