import type { SweepReport } from '../../core/sweep/report.ts';

/**
 * The exit code of a sweep: 0 when nothing failed or errored (warnings allowed), 1 when something failed,
 * 2 when nothing failed but something could not be evaluated.
 */
export function exitCodeForSweep(report: SweepReport): 0 | 1 | 2 {
  const statuses = [...report.clusters.map((c) => c.status), ...report.meshPairs.map((p) => p.status)];
  if (statuses.includes('fail')) return 1;
  if (statuses.includes('error')) return 2;
  return 0;
}
