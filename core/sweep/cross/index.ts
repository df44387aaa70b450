import { appendTo } from '../../map-lists.ts';
import type { Layer, Outcome } from '../../outcome.ts';
import type { FleetMember } from '../peers.ts';
import { peerIndex } from '../peers.ts';
import { meshComponents, meshPairsOf } from '../plan.ts';
import type { ClusterReport, MeshPairReport } from '../report.ts';
import { meshIdentityOutcomes } from './mesh-identity.ts';
import { oneWayMeshOutcomes } from './mesh-one-way.ts';
import { meshPairReport } from './mesh-pairs.ts';
import { versionSkewOutcomes } from './version-skew.ts';

/** Evidence key marking outcomes added by cross-cluster checks (so re-assembling a sweep can replace them). */
export const CROSS_CLUSTER = 'crossCluster';

export interface CrossResults {
  /** Outcomes to append, per cluster name. */
  outcomes: Map<string, Outcome[]>;
  meshPairs: MeshPairReport[];
}

/**
 * Runs the checks that need several clusters at once, after every cluster's run: mesh identity
 * (`config` layer), version skew across mesh pairs (`version` layer) and mesh pair verdicts (`mesh` layer).
 */
export function crossClusterChecks(members: FleetMember[], layers: readonly Layer[]): CrossResults {
  const reports = new Map<string, ClusterReport>();
  for (const m of members) if (m.report) reports.set(m.target.name, m.report);
  const pairs = meshPairsOf(members);
  const index = peerIndex(members);
  const outcomes = new Map<string, Outcome[]>();
  const merge = (more: Map<string, Outcome[]>) => {
    for (const [k, v] of more) {
      const tagged = v.map((o) => ({ ...o, evidence: { ...o.evidence, [CROSS_CLUSTER]: true } }));
      appendTo(outcomes, k, ...tagged);
    }
  };
  if (layers.includes('config')) merge(meshIdentityOutcomes(members, index, meshComponents(pairs)));
  if (layers.includes('version')) merge(versionSkewOutcomes(pairs, reports));
  if (layers.includes('mesh')) merge(oneWayMeshOutcomes(pairs, reports, index));
  const meshPairs = layers.includes('mesh') ? pairs.map((p) => meshPairReport(p, reports, index)) : [];
  return { outcomes, meshPairs };
}
