import { type Outcome, worstStatus } from '../outcome.ts';
import type { ClusterReport, MeshPairReport } from './report.ts';

type Verdict = ClusterReport['status'];

/**
 * A cluster's status: `fail` if any result failed, else `error` if any errored or the cluster could not be
 * evaluated at all (`error` set), else `warn`, else `pass`; skips do not count.
 * @example clusterStatus([{ status: 'warn' } as Outcome], true) // 'error'
 */
export function clusterStatus(results: Outcome[], unreachable: boolean): Verdict {
  const statuses = results.map((r) => r.status);
  if (unreachable) statuses.push('error');
  return worstStatus(statuses);
}

/** The sweep's status: the worst of its clusters and mesh pairs. */
export function sweepStatus(clusters: ClusterReport[], pairs: MeshPairReport[]): Verdict {
  return worstStatus([...clusters.map((c) => c.status), ...pairs.map((p) => p.status)]);
}

/** Counts of cluster verdicts, e.g. for the summary line. */
export function countStatuses(items: { status: Verdict }[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { pass: 0, warn: 0, fail: 0, error: 0 };
  for (const i of items) counts[i.status] += 1;
  return counts;
}
