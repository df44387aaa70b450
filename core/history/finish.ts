import { type Layer, worstStatus } from '../outcome.ts';
import { type AssembleInput, assembleSweepReport } from '../sweep/assemble.ts';
import type { SweepReport } from '../sweep/report.ts';
import type { SweepRunsReader, SweepWriter } from './ports.ts';

/** Everything a sweep's finishing needs: its identity, its cluster runs (as run or reloaded), and its plan. */
export interface SweepRuns extends AssembleInput {
  /** Clusters the plan expected; one without a run makes the sweep `error` (default: the clusters given). */
  planned?: readonly string[];
}

/**
 * The finished sweep report, computed once: cross-cluster outcomes appended, mesh pairs, every cluster's and
 * the sweep's status (a planned cluster without a run counts as `error`). Pure; `finishSweep` stores it.
 * @example finishedReport({ id, startedAt, finishedAt, clusters }).meshPairs
 */
export function finishedReport(runs: SweepRuns): SweepReport {
  const { planned = [], ...input } = runs;
  const report = assembleSweepReport(input);
  const landed = new Set(runs.clusters.map((c) => c.name));
  const missing = planned.some((n) => !landed.has(n));
  if (missing) report.sweep.status = worstStatus([report.sweep.status, 'error']);
  return report;
}

/**
 * The one way a sweep is finished (local CLI, `serve`'s scheduler, the serverless finisher): computes the report
 * once (`finishedReport`) and stores it in one write. `stored: true` says the runs came from the store (the
 * serverless path): only runs the cross-cluster checks changed are written again; otherwise every run is.
 * @example const report = await finishSweep(store, { id, startedAt, finishedAt, clusters })
 */
export async function finishSweep(
  writer: Pick<SweepWriter, 'recordFinished'>,
  runs: SweepRuns,
  opts: { stored?: boolean } = {},
): Promise<SweepReport> {
  const report = finishedReport(runs);
  if (!opts.stored) {
    await writer.recordFinished(report, {
      runs: report.clusters,
      planned: report.clusters.map((c) => c.name),
    });
    return report;
  }
  const before = new Map(runs.clusters.map((c) => [c.name, c]));
  const changed = report.clusters.filter((c) => {
    const old = before.get(c.name);
    return !old || old.status !== c.status || JSON.stringify(old.results) !== JSON.stringify(c.results);
  });
  await writer.recordFinished(report, { runs: changed });
  return report;
}

/**
 * Finishes a sweep whose runs are in the store (the serverless path): one reload of its plan and runs, then
 * `finishSweep`. Null for an unknown sweep.
 * @example await finishStoredSweep(store, 'sw_20261125T120500Z_ab12', new Date())
 */
export async function finishStoredSweep(
  store: Pick<SweepWriter, 'recordFinished'> & Pick<SweepRunsReader, 'sweepRuns'>,
  sweepId: string,
  finishedAt: Date,
  layers?: readonly Layer[],
): Promise<SweepReport | null> {
  const open = await store.sweepRuns(sweepId);
  if (!open) return null;
  const runs = { ...open, finishedAt: finishedAt.toISOString(), ...(layers ? { layers } : {}) };
  return finishSweep(store, runs, { stored: true });
}
