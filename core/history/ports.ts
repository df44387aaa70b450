import type { LayerStatuses, StatusCounts } from '../analysis/types.ts';
import type { Layer } from '../outcome.ts';
import type { ClusterReport, SweepReport } from '../sweep/report.ts';

/** After a cluster run is saved: how many planned clusters have a run, of how many planned. */
export interface RunLanded {
  landed: number;
  planned: number;
}

/** An open sweep as stored: when it started, which clusters were planned, and the runs landed so far. */
export interface StoredSweepRuns {
  id: string;
  startedAt: string;
  /** Cluster names recorded by the plan (empty when the sweep was created on the fly by a run). */
  planned: string[];
  /** The runs saved so far, in planned order. */
  clusters: ClusterReport[];
}

/** What core derives from a run for storage and later reads (the store keeps these, never computes them). */
export interface RunFacts {
  counts: StatusCounts;
  /** Worst status per layer. */
  layers: LayerStatuses;
  healthRttP95Ms?: number;
  endpointsNotReady?: number;
  meshGroup?: string;
  /** The layer each check id of the run names (absent: none). */
  checkLayers: Partial<Record<string, Layer>>;
}

/** A run as the store receives it: the report and its facts. */
export interface FactedRun {
  report: ClusterReport;
  facts: RunFacts;
}

/**
 * The writing side of history: core/history's service takes runs as reports (`SweepWriter`), the store (db) takes
 * them with their facts (`SweepWriter<FactedRun>`). It only persists: statuses, mesh pairs, cross-cluster outcomes
 * and run facts are computed in core before they reach the store.
 */
export interface SweepWriter<Run = ClusterReport> {
  /** Records a planned sweep (serverless: before its messages are queued). */
  createSweep(s: { id: string; startedAt: string; clusters: string[]; trigger?: string }): Promise<void>;
  /** Idempotent per (sweep, cluster): a redelivered run replaces the stored one and does not count again. */
  saveClusterRun(sweepId: string, run: Run): Promise<RunLanded>;
  /** True for the one caller that may finish the open sweep (again once an older claim is `staleBefore`). */
  claimFinish(sweepId: string, at: Date, staleBefore?: Date): Promise<boolean>;
  /** Gives back a lease (e.g. the manual-sweep lease held by this sweep's id). */
  releaseLease(name: string, holder: string): Promise<void>;
  /**
   * Stores a finished sweep in one transaction: the sweep row (finish time, status; `planned` when given),
   * `runs` (each replacing the stored run of its (sweep, cluster)), and `report.meshPairs` replacing the stored
   * pairs. Runs not listed are left as stored.
   */
  recordFinished(
    report: SweepReport,
    opts: { runs: readonly Run[]; planned?: readonly string[] },
  ): Promise<void>;
}

/** The reading side a finisher needs: the open sweep with its runs (the one reload of the serverless path). */
export interface SweepRunsReader {
  /** Null for an unknown sweep. */
  sweepRuns(id: string): Promise<StoredSweepRuns | null>;
  /** The sweep as stored (finished or not); null when unknown. */
  sweep(id: string): Promise<SweepReport | null>;
}
