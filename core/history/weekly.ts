import { isoWeekRange } from '../analysis/iso-week.ts';
import type { WeeklyReport } from '../analysis/mesh-types.ts';
import type { Flap, RegressionReport } from '../analysis/types.ts';
import type { WeekRows } from './read-ports.ts';

/**
 * The weekly report of an ISO week from its rows, the regressions of its last sweep against the sweep before the
 * week (`reg`, null when the week had no sweep) and the week's flapping.
 */
export function weeklyReport(
  week: string,
  now: Date,
  rows: WeekRows,
  reg: RegressionReport | null,
  flapping: Flap[],
): WeeklyReport {
  const { from, to } = isoWeekRange(week);
  const sameSweep = !reg || reg.current?.sweepId === rows.baselineSweepId;
  const worstClusters = rows.clusterSums
    .map((c) => ({
      cluster: c.cluster,
      score: c.pass / Math.max(1, c.pass + c.warn + c.fail + c.error),
      fail: c.fail,
      error: c.error,
      warn: c.warn,
    }))
    .filter((c) => c.score < 1)
    .sort((x, y) => x.score - y.score || y.fail - x.fail || x.cluster.localeCompare(y.cluster))
    .slice(0, 10);
  const { fleetScore, previousScore } = rows;
  return {
    week,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    generatedAt: now.toISOString(),
    sweeps: rows.sweeps,
    clusters: rows.clusterSums.length,
    fleetScore,
    previousScore,
    scoreChange: fleetScore !== null && previousScore !== null ? fleetScore - previousScore : null,
    openRegressions: sameSweep ? [] : reg.regressions,
    recoveries: sameSweep ? [] : reg.recoveries,
    flapping,
    worstClusters,
    degradedMeshPairs: rows.degradedMeshPairs,
    layers: rows.layers,
  };
}

/**
 * The weekly report of `week` as of `now`: a week that has ended answers with the report the Monday job stored, when
 * there is one; otherwise (current week, or nothing stored) it is computed from the history.
 * @example await reportForWeek(history, '2026-W47', new Date())
 */
export async function reportForWeek(
  history: {
    storedReport(week: string): Promise<WeeklyReport | null>;
    weeklyReport(week: string, opts?: { now?: Date }): Promise<WeeklyReport>;
  },
  week: string,
  now: Date,
): Promise<WeeklyReport> {
  const ended = isoWeekRange(week).to <= now.getTime();
  return (ended ? await history.storedReport(week) : null) ?? (await history.weeklyReport(week, { now }));
}
