import { LAYERS } from '../layers.ts';
import type { Layer } from '../outcome.ts';
import { CROSS_CLUSTER, crossClusterChecks } from './cross/index.ts';
import { withoutPeerAliases } from './peer-aliases.ts';
import type { FleetMember } from './peers.ts';
import type { ClusterReport, SweepReport } from './report.ts';
import { clusterStatus, sweepStatus } from './status.ts';

export interface AssembleInput {
  id: string;
  startedAt: string;
  finishedAt: string;
  /** Every cluster's run report, in fleet order. */
  clusters: ClusterReport[];
  /** Layers of the sweep: cross-cluster checks run only for config / version / mesh (default: all). */
  layers?: readonly Layer[];
  /** The fleet's expected peers per cluster name (fleet file `expectedPeers`). */
  expectedPeers?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Turns per-cluster run reports into the final SweepReport: appends the cross-cluster outcomes (mesh
 * identity, version skew), computes mesh pairs and every status. Idempotent: cross-cluster outcomes of an
 * earlier assembly are replaced, so the serverless finisher may call it again. Does not mutate its input.
 * @example assembleSweepReport({ id, startedAt, finishedAt, clusters }).meshPairs
 */
export function assembleSweepReport(input: AssembleInput): SweepReport {
  const members: FleetMember[] = withoutPeerAliases(
    input.clusters.map((c) => ({
      target: { name: c.name, expectedPeers: input.expectedPeers?.[c.name] ?? [] },
      report: { ...c, results: c.results.filter((r) => r.evidence?.[CROSS_CLUSTER] !== true) },
    })),
  );
  const cross = crossClusterChecks(members, input.layers ?? LAYERS);
  const clusters = members.map(({ report }) => {
    const {
      name,
      status: _old,
      durationMs,
      ciliumVersion,
      results: own,
      healthLinks,
      mesh,
      ...rest
    } = report as ClusterReport;
    const results = [...own, ...(cross.outcomes.get(name) ?? [])];
    const status = clusterStatus(results, rest.error !== undefined);
    // Key order of the JSON output: identity and verdict first, the bulky arrays last.
    const ordered: ClusterReport = {
      name,
      status,
      durationMs,
      ...(ciliumVersion ? { ciliumVersion } : {}),
      ...rest,
      results,
    };
    if (healthLinks) ordered.healthLinks = healthLinks;
    if (mesh) ordered.mesh = mesh;
    return ordered;
  });
  return {
    sweep: {
      id: input.id,
      startedAt: input.startedAt,
      finishedAt: input.finishedAt,
      status: sweepStatus(clusters, cross.meshPairs),
    },
    clusters,
    meshPairs: cross.meshPairs,
  };
}
