import { sql } from 'drizzle-orm';
import type { HistoryStore } from '../core/history/history.ts';
import type { Db } from './client.ts';
import { Dictionary } from './dictionary.ts';
import { acquireLease, releaseLease } from './leases.ts';
import { prune } from './prune.ts';
import { clusterRow, clusterRows, fleetRows, readHistory } from './read-clusters.ts';
import { readChanges } from './read-flapping.ts';
import { readClustersWithIds, readMeshPairs, readPairHistory } from './read-mesh.ts';
import { metricBaselines, readTexts, regressionStates, resolveSweeps } from './read-regressions.ts';
import { listSweeps, readSweep } from './read-sweeps.ts';
import { readWeekRows } from './read-weekly.ts';
import { readStoredWeekly, saveWeeklyReport } from './reports.ts';
import { readBucketSums, refreshRollups } from './rollups.ts';
import { claimFinish, createSweep, readSweepRuns, recordFinished, saveClusterRun } from './sweep-write.ts';

/** Builds the history store over an opened database (either driver): rows in and out, no analysis. */
export function createStore(db: Db): HistoryStore {
  const dict = new Dictionary();
  const guarded = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      dict.reset();
      throw err;
    }
  };
  const refresh = async () => {
    const dirty = await db.all<{ one: number }>(sql`select 1 as one from rollup_dirty limit 1`);
    if (dirty.length > 0) await db.write(refreshRollups);
  };
  return {
    createSweep: (s) => createSweep(db, s),
    saveClusterRun: (id, run) => guarded(() => saveClusterRun(db, dict, id, run)),
    claimFinish: (id, at, stale) => claimFinish(db, id, at.getTime(), stale?.getTime()),
    acquireLease: (name, holder, until, now) =>
      acquireLease(db, name, holder, until.getTime(), now.getTime()),
    releaseLease: (name, holder) => releaseLease(db, name, holder),
    recordFinished: (r, o) => guarded(() => recordFinished(db, dict, r, o)),
    sweepRuns: (id) => readSweepRuns(db, id),
    fleetRows: () => fleetRows(db),
    clusterRows: (o) => clusterRows(db, o),
    clusterRow: (name) => clusterRow(db, name),
    clusterHistory: (name, o) => readHistory(db, name, o),
    sweeps: (o) => listSweeps(db, o),
    sweep: (id) => readSweep(db, id),
    regressionSweeps: (baseline, until) => resolveSweeps(db, baseline, until),
    regressionStates: (current, base, o) => regressionStates(db, current, base, o),
    metricBaselines: (clusters, baseAt) => metricBaselines(db, clusters, baseAt),
    texts: (refs) => readTexts(db, refs),
    statusChanges: (q) => readChanges(db, q.from, q.to, q.cluster),
    bucketSums: async (q) => {
      await refresh();
      return readBucketSums(db, q);
    },
    meshPairs: () => readMeshPairs(db),
    meshPairHistory: (a, b, range) => readPairHistory(db, a, b, range),
    clustersWithIds: (ids, except) => readClustersWithIds(db, ids, except),
    weekRows: async (range) => {
      await refresh();
      return readWeekRows(db, range);
    },
    saveReport: (week, report) => saveWeeklyReport(db, week, report),
    storedReport: (week) => readStoredWeekly(db, week),
    prune: (now, retentionDays) => guarded(() => prune(db, now, retentionDays)),
    close: () => db.close(),
  };
}
