import type { Baseline } from '../analysis/baseline.ts';
import type { MeshComparison, MeshPairSummary, WeeklyReport } from '../analysis/mesh-types.ts';
import type {
  ClusterDetail,
  ClusterSummary,
  Flap,
  FleetView,
  Page,
  RegressionReport,
  RunSummary,
  SweepSummary,
  TrendSeries,
} from '../analysis/types.ts';
import type { Layer } from '../outcome.ts';
import type { SweepReport } from '../sweep/report.ts';
import type { FactedRun, SweepRunsReader, SweepWriter } from './ports.ts';
import type { ReportStore, RunReader, StateReader, TrendScope } from './read-ports.ts';

/** Everything the history store (db) provides: rows in and out, no analysis. */
export interface HistoryStore
  extends SweepWriter<FactedRun>,
    SweepRunsReader,
    RunReader,
    StateReader,
    ReportStore {
  /** Takes the named lease until `until` unless another holder has it unexpired; returns the holder after. */
  acquireLease(name: string, holder: string, until: Date, now: Date): Promise<string>;
  /** Deletes raw results older than `retentionDays` before `now` (rollups stay). */
  prune(now: Date, retentionDays: number): Promise<{ deletedRuns: number; deletedResults: number }>;
  close(): Promise<void>;
}

/**
 * The history service the API, the CLI and the functions use: the store's writes and reads, plus the analysis
 * (regressions, recoveries, flapping, staleness, trends, mesh comparison, weekly report) core/history computes.
 */
export interface History extends SweepWriter, SweepRunsReader, ReportStore {
  /** Stores an already finished sweep report whole (all runs, planned = its clusters). Idempotent per (sweep, cluster). */
  saveSweep(report: SweepReport): Promise<void>;
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
  trends(q: TrendScope & { from: Date; to: Date }): Promise<TrendSeries[]>;
  /** Latest verdict per pair. */
  meshPairs(): Promise<MeshPairSummary[]>;
  /** Null when neither cluster is known. */
  meshCompare(a: string, b: string, opts?: { from?: Date; to?: Date }): Promise<MeshComparison | null>;
  /** ISO week, e.g. `2026-W47`. */
  weeklyReport(week: string, opts?: { now?: Date }): Promise<WeeklyReport>;
  prune(opts: {
    now?: Date;
    retentionDays?: number;
  }): Promise<{ deletedRuns: number; deletedResults: number }>;
  close(): Promise<void>;
}

/** What the service needs from configuration (read once by the caller, never here). */
export interface HistorySettings {
  /** Expected sweep interval, for the stale flag. */
  intervalMs: number;
  /** Raw results kept this many days by `prune` unless it is told otherwise. */
  retentionDays: number;
}
