import type { Baseline } from '../analysis/baseline.ts';
import type { StatusChange } from '../analysis/flapping.ts';
import type { MeshComparison, MeshPairSummary, WeeklyReport } from '../analysis/mesh-types.ts';
import type { RunForDiff } from '../analysis/regressions.ts';
import type { BucketSums } from '../analysis/trends.ts';
import type {
  ClusterDetail,
  ClusterSummary,
  FleetView,
  Page,
  RunSummary,
  SweepSummary,
  TrendMetric,
} from '../analysis/types.ts';
import type { SweepReport } from '../sweep/report.ts';

/**
 * A row whose `stale` flag core/history decides (`item.stale` comes as false): when the cluster was last checked
 * and its newest run times (epoch ms, up to 5).
 */
export interface Staleable<T extends { stale: boolean }> {
  item: T;
  lastAt: number;
  recentRunTimes: number[];
}

/** The latest run of every cluster (the fleet view before staleness and counts). */
export interface FleetRows {
  lastSweep: FleetView['lastSweep'];
  clusters: Staleable<FleetView['clusters'][number]>[];
}

/** Which trend: the metric, its bucket, and one cluster or a grouping (default: the whole fleet). */
export interface TrendScope {
  metric: TrendMetric;
  bucket: 'hour' | 'day';
  cluster?: string;
  groupBy?: 'provider' | 'region' | 'mesh';
}

/** A sweep a regression side is read from. */
export interface SweepPoint {
  id: string;
  /** Epoch ms of its start. */
  at: number;
}

/**
 * One cluster's state on a regression side. Result messages and hints are text references (`#<id>`) until
 * `texts` resolves the few that make a regression; results hold only the (check, subject) keys where either side
 * has a warn / error / fail (a key passing or skipping on both sides is neither a regression nor a recovery).
 */
export interface ClusterState extends RunForDiff {
  healthRttP95Ms?: number;
  endpointsNotReady?: number;
}

/**
 * The state reader regressions are computed from: per (cluster, check, subject), the state of the latest sweep
 * (or the latest at or before `until`) and of a baseline (the previous sweep, a given sweep, or a time).
 */
export interface StateReader {
  /** The current sweep (latest with runs, at or before `until`) and the baseline sweep it is compared with. */
  regressionSweeps(baseline: Baseline, until?: Date): Promise<{ current?: SweepPoint; base?: SweepPoint }>;
  /**
   * Both sides' cluster states: the current sweep's runs and, for the same clusters, each one's latest run at or
   * before the baseline (outside the current sweep); only the clusters that can make a difference: a warn /
   * error / fail or a could-not-evaluate error on either side, or a current metric at or above its floor.
   */
  regressionStates(
    current: SweepPoint,
    base: SweepPoint,
    opts: { cluster?: string; metricFloors: MetricFloors },
  ): Promise<{ current: ClusterState[]; base: ClusterState[] }>;
  /** Per cluster, the metrics of its newest runs (up to 8) at or before `baseAt`. */
  metricBaselines(clusters: readonly string[], baseAt: number): Promise<Map<string, MetricSamples>>;
  /** Texts by reference (`#<id>`); unknown references are absent. */
  texts(refs: readonly string[]): Promise<Map<string, string>>;
}

/** The current metric values below which a cluster cannot be a metric regression. */
export interface MetricFloors {
  healthRttP95Ms: number;
  endpointsNotReady: number;
}

export interface MetricSamples {
  healthRttP95Ms: number[];
  endpointsNotReady: number[];
}

/** What a weekly report is computed from, for the ISO week [from, to) (epoch ms). */
export interface WeekRows {
  fleetScore: number | null;
  previousScore: number | null;
  sweeps: number;
  /** The sweep regressions of the week are measured from: the last with runs before the week, else the first in it. */
  baselineSweepId?: string;
  /** Result sums per cluster checked in the week. */
  clusterSums: { cluster: string; pass: number; warn: number; fail: number; error: number }[];
  degradedMeshPairs: WeeklyReport['degradedMeshPairs'];
  layers: WeeklyReport['layers'];
}

/** The reading side of the history store: rows and sums, no analysis. */
export interface RunReader {
  fleetRows(): Promise<FleetRows>;
  clusterRows(opts: { cursor?: string; limit?: number }): Promise<Page<Staleable<ClusterSummary>>>;
  /** Null for an unknown cluster. */
  clusterRow(name: string): Promise<Staleable<ClusterDetail> | null>;
  /** Newest first; null for an unknown cluster. */
  clusterHistory(
    name: string,
    opts: { from?: Date; to?: Date; cursor?: string; limit?: number },
  ): Promise<Page<RunSummary> | null>;
  /** Newest first. */
  sweeps(opts: { cursor?: string; limit?: number }): Promise<Page<SweepSummary>>;
  sweep(id: string): Promise<SweepReport | null>;
  /** Status changes with `from <= at <= to` (epoch ms). */
  statusChanges(q: { from: number; to: number; cluster?: string }): Promise<StatusChange[]>;
  /** Rollup sums per key and bucket in [from, to) (epoch ms). */
  bucketSums(q: TrendScope & { from: number; to: number }): Promise<BucketSums[]>;
  /** The pairs of the newest sweep that recorded any. */
  meshPairs(): Promise<MeshPairSummary[]>;
  /** The pair's verdicts in [from, to] (epoch ms), newest first, oriented as (a, b). */
  meshPairHistory(
    a: string,
    b: string,
    range: { from: number; to: number },
  ): Promise<MeshComparison['history']>;
  /** Other clusters (not `except`) reporting one of these Cilium cluster-ids, by name. */
  clustersWithIds(ids: readonly number[], except: readonly string[]): Promise<string[]>;
  weekRows(range: { from: number; to: number }): Promise<WeekRows>;
}

/** Stored weekly reports (the Monday job). */
export interface ReportStore {
  saveReport(week: string, report: WeeklyReport): Promise<void>;
  storedReport(week: string): Promise<WeeklyReport | null>;
}
