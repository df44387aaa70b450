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

/**
 * The writing side of the history store (db implements it; core/history finishes sweeps through it). It only
 * persists: statuses, mesh pairs and cross-cluster outcomes are computed by core/history before they reach it.
 */
export interface SweepWriter {
  /** Records a planned sweep (serverless: before its messages are queued). */
  createSweep(s: { id: string; startedAt: string; clusters: string[]; trigger?: string }): Promise<void>;
  /** Idempotent per (sweep, cluster): a redelivered run replaces the stored one and does not count again. */
  saveClusterRun(sweepId: string, run: ClusterReport): Promise<RunLanded>;
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
    opts: { runs: readonly ClusterReport[]; planned?: readonly string[] },
  ): Promise<void>;
}

/** The reading side a finisher needs: the open sweep with its runs (the one reload of the serverless path). */
export interface SweepRunsReader {
  /** Null for an unknown sweep. */
  sweepRuns(id: string): Promise<StoredSweepRuns | null>;
  /** The sweep as stored (finished or not); null when unknown. */
  sweep(id: string): Promise<SweepReport | null>;
}
