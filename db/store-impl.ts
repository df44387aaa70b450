import { sql } from 'drizzle-orm';
import { trendSeries } from '../core/analysis/trends.ts';
import { config } from '../core/config.ts';
import type { Db } from './client.ts';
import { Dictionary } from './dictionary.ts';
import { acquireLease, releaseLease } from './leases.ts';
import { prune } from './prune.ts';
import { listClusters, readCluster, readFleet, readHistory } from './read-clusters.ts';
import { readFlapping } from './read-flapping.ts';
import { readMeshCompare, readMeshPairs } from './read-mesh.ts';
import { readRegressions } from './read-regressions.ts';
import { listSweeps, readSweep } from './read-sweeps.ts';
import { readWeekly } from './read-weekly.ts';
import { readStoredWeekly, saveWeeklyReport } from './reports.ts';
import { readBucketSums, refreshRollups } from './rollups.ts';
import type { OpenStoreOptions, Store } from './store.ts';
import { claimFinish, createSweep, readSweepRuns, recordFinished, saveClusterRun } from './sweep-write.ts';

/** Builds the Store over an opened database (either driver). */
export async function createStore(db: Db, opts: OpenStoreOptions): Promise<Store> {
  const dict = new Dictionary();
  const interval = opts.intervalMs ?? config().FLEETCHECK_INTERVAL;
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
    saveSweep: (r) =>
      guarded(() =>
        recordFinished(db, dict, r, { runs: r.clusters, planned: r.clusters.map((c) => c.name) }),
      ),
    createSweep: (s) => createSweep(db, s),
    saveClusterRun: (id, run) => guarded(() => saveClusterRun(db, dict, id, run)),
    claimFinish: (id, at, stale) => claimFinish(db, id, at.getTime(), stale?.getTime()),
    acquireLease: (name, holder, until, now) =>
      acquireLease(db, name, holder, until.getTime(), now.getTime()),
    releaseLease: (name, holder) => releaseLease(db, name, holder),
    recordFinished: (r, o) => guarded(() => recordFinished(db, dict, r, o)),
    sweepRuns: (id) => readSweepRuns(db, id),
    fleet: (o) => readFleet(db, interval, o.now),
    clusters: (o) => listClusters(db, interval, o),
    cluster: (name) => readCluster(db, interval, name),
    clusterHistory: (name, o) => readHistory(db, name, o),
    sweeps: (o) => listSweeps(db, o),
    sweep: (id) => readSweep(db, id),
    regressions: (q) => readRegressions(db, q),
    flapping: (q) => readFlapping(db, q),
    trends: async (q) => {
      await refresh();
      const rows = await readBucketSums(db, { ...q, from: q.from.getTime(), to: q.to.getTime() });
      return trendSeries(rows, {
        metric: q.metric,
        bucket: q.bucket,
        from: q.from.getTime(),
        to: q.to.getTime(),
      });
    },
    meshPairs: () => readMeshPairs(db),
    meshCompare: (a, b, o) => readMeshCompare(db, interval, a, b, o ?? {}),
    weeklyReport: async (week, o) => {
      await refresh();
      return readWeekly(db, week, o?.now ?? new Date());
    },
    saveReport: (week, report) => saveWeeklyReport(db, week, report),
    storedReport: (week) => readStoredWeekly(db, week),
    prune: (o) =>
      guarded(() => prune(db, o.now ?? new Date(), o.retentionDays ?? config().FLEETCHECK_RETENTION_DAYS)),
    close: () => db.close(),
  };
}
