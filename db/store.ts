import type { MeshComparison, MeshPairSummary, WeeklyReport } from '../core/analysis/mesh-types.ts';
import type {
  ClusterDetail,
  ClusterSummary,
  Flap,
  FleetView,
  Page,
  RegressionReport,
  RunSummary,
  SweepSummary,
  TrendMetric,
  TrendSeries,
} from '../core/analysis/types.ts';
import type { RunLanded, SweepRunsReader, SweepWriter } from '../core/history/ports.ts';
import type { Layer } from '../core/outcome.ts';
import type { SweepReport } from '../core/sweep/report.ts';

export type { Page, TrendMetric };

import type { Baseline } from '../core/analysis/baseline.ts';

export type { Baseline, RunLanded };

/** The history store: one async API over better-sqlite3 (local) and libSQL (serverless). */
export interface Store extends SweepWriter, SweepRunsReader {
  /** Stores an already finished sweep report whole (all runs, planned = its clusters). Idempotent per (sweep, cluster). */
  saveSweep(report: SweepReport): Promise<void>;
  /** Takes the named lease until `until` unless another holder has it unexpired; returns the holder after. */
  acquireLease(name: string, holder: string, until: Date, now: Date): Promise<string>;
  /** Latest verdict per cluster, per-layer statuses, stale flag, counts. */
  fleet(opts: { now?: Date }): Promise<FleetView>;
  clusters(opts: { cursor?: string; limit?: number }): Promise<Page<ClusterSummary>>;
  /** Registry row + latest run with all results + hints; null for an unknown cluster. */
  cluster(name: string): Promise<ClusterDetail | null>;
  /** Newest first; null for an unknown cluster. */
  clusterHistory(
    name: string,
    opts: { from?: Date; to?: Date; cursor?: string; limit?: number },
  ): Promise<Page<RunSummary> | null>;
  /** Newest first. */
  sweeps(opts: { cursor?: string; limit?: number }): Promise<Page<SweepSummary>>;
  /** Current = latest sweep; `since` (when baseline is 'previous') means baseline = { at: since }. */
  regressions(q: {
    baseline: Baseline;
    since?: Date;
    cluster?: string;
    layer?: Layer;
  }): Promise<RegressionReport>;
  flapping(q: { from: Date; to: Date; minChanges?: number; cluster?: string }): Promise<Flap[]>;
  trends(q: {
    metric: TrendMetric;
    bucket: 'hour' | 'day';
    from: Date;
    to: Date;
    cluster?: string;
    groupBy?: 'provider' | 'region' | 'mesh';
  }): Promise<TrendSeries[]>;
  /** Latest verdict per pair. */
  meshPairs(): Promise<MeshPairSummary[]>;
  /** Null when neither cluster is known. */
  meshCompare(a: string, b: string, opts?: { from?: Date; to?: Date }): Promise<MeshComparison | null>;
  /** ISO week, e.g. `2026-W47`. */
  weeklyReport(week: string, opts?: { now?: Date }): Promise<WeeklyReport>;
  /** Stores (replaces) the weekly report of `week` (the Monday job); `report.week` must equal `week`. */
  saveReport(week: string, report: WeeklyReport): Promise<void>;
  /** The stored weekly report of `week`; null when none was stored. */
  storedReport(week: string): Promise<WeeklyReport | null>;
  prune(opts: {
    now?: Date;
    retentionDays?: number;
  }): Promise<{ deletedRuns: number; deletedResults: number }>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  authToken?: string;
  /** Apply migrations at open (default true). */
  migrate?: boolean;
  /** Prove at open that the database takes writes (default false; sweep, serve and db migrate ask for it). */
  writable?: boolean;
  /** Expected sweep interval, for the stale flag (default: config().FLEETCHECK_INTERVAL). */
  intervalMs?: number;
  /** Open a local file read-only (the read pool's workers); writes then fail with SQLITE_READONLY. */
  readOnly?: boolean;
}

/**
 * Opens the store for a path / `file:` URL (better-sqlite3) or a `libsql:` / `http(s):` / `ws(s):` URL (libSQL).
 * @example const store = await openStore('./fleetcheck.db'); await store.saveSweep(report);
 */
export async function openStore(url: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const { openDb } = await import('./open-db.ts');
  const { createStore } = await import('./store-impl.ts');
  const db = await openDb(url, {
    ...(opts.authToken ? { authToken: opts.authToken } : {}),
    ...(opts.migrate === false ? { migrate: false } : {}),
    ...(opts.readOnly ? { readOnly: true } : {}),
    ...(opts.writable ? { writable: true } : {}),
  });
  return createStore(db, opts);
}
