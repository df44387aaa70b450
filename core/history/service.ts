import { flapping } from '../analysis/flapping.ts';
import { isoWeekRange } from '../analysis/iso-week.ts';
import { trendSeries } from '../analysis/trends.ts';
import { facted } from './facts.ts';
import { fleetView, withStale } from './fleet.ts';
import type { History, HistorySettings, HistoryStore } from './history.ts';
import { meshCompare } from './mesh.ts';
import { regressions } from './regressions.ts';
import { weeklyReport } from './weekly.ts';

/**
 * The history service over a store (db implements `HistoryStore`): the store's rows, analysed here.
 * @example const history = createHistory(await openStore(url), { intervalMs: 300_000, retentionDays: 30 });
 */
export function createHistory(store: HistoryStore, settings: HistorySettings): History {
  const { intervalMs } = settings;
  const cluster: History['cluster'] = async (name) => {
    const row = await store.clusterRow(name);
    return row ? withStale(row, new Date(), intervalMs) : null;
  };
  const flaps: History['flapping'] = async (q) =>
    flapping(
      await store.statusChanges({
        from: q.from.getTime(),
        to: q.to.getTime(),
        ...(q.cluster ? { cluster: q.cluster } : {}),
      }),
      q.minChanges ?? 3,
    );
  return {
    saveSweep: (r) =>
      store.recordFinished(r, { runs: r.clusters.map(facted), planned: r.clusters.map((c) => c.name) }),
    createSweep: (s) => store.createSweep(s),
    saveClusterRun: (id, run) => store.saveClusterRun(id, facted(run)),
    claimFinish: (id, at, stale) => store.claimFinish(id, at, stale),
    acquireLease: (name, holder, until, now) => store.acquireLease(name, holder, until, now),
    releaseLease: (name, holder) => store.releaseLease(name, holder),
    recordFinished: (r, o) => store.recordFinished(r, { ...o, runs: o.runs.map(facted) }),
    sweepRuns: (id) => store.sweepRuns(id),
    fleet: async (o) => fleetView(await store.fleetRows(), o.now ?? new Date(), intervalMs),
    clusters: async (o) => {
      const page = await store.clusterRows(o);
      const now = new Date();
      const items = page.items.map((row) => withStale(row, now, intervalMs));
      return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
    },
    cluster,
    clusterHistory: (name, o) => store.clusterHistory(name, o),
    sweeps: (o) => store.sweeps(o),
    sweep: (id) => store.sweep(id),
    regressions: (q) => regressions(store, q),
    flapping: flaps,
    trends: async (q) => {
      const range = { from: q.from.getTime(), to: q.to.getTime() };
      return trendSeries(await store.bucketSums({ ...q, ...range }), {
        metric: q.metric,
        bucket: q.bucket,
        ...range,
      });
    },
    meshPairs: () => store.meshPairs(),
    meshCompare: (a, b, o) => meshCompare(store, cluster, a, b, o ?? {}),
    weeklyReport: async (week, o) => {
      const now = o?.now ?? new Date();
      const { from, to } = isoWeekRange(week);
      const rows = await store.weekRows({ from, to });
      const reg =
        rows.sweeps > 0 && rows.baselineSweepId
          ? await regressions(store, { baseline: { sweepId: rows.baselineSweepId }, until: new Date(to - 1) })
          : null;
      const flapped = await flaps({ from: new Date(from), to: new Date(to - 1) });
      return weeklyReport(week, now, rows, reg, flapped);
    },
    saveReport: (week, report) => store.saveReport(week, report),
    storedReport: (week) => store.storedReport(week),
    prune: (o) => store.prune(o.now ?? new Date(), o.retentionDays ?? settings.retentionDays),
    close: () => store.close(),
  };
}
