import type { ClusterTarget } from '../fleet/target.ts';
import type { ClusterApi } from '../kube/cluster-api.ts';
import type { QueuedTarget } from '../sweep/queue-message.ts';
import type { ClusterReport, SweepReport } from '../sweep/report.ts';
import type { SweepRunChecks } from '../sweep/run-cluster.ts';

/**
 * The slice of the history store (db/store.ts `Store`) the serverless path writes to. Declared here so core
 * does not import db; any `Store` satisfies it.
 */
export interface SweepRecorder {
  createSweep(s: { id: string; startedAt: string; clusters: string[]; trigger?: string }): Promise<void>;
  /** Idempotent per (sweep, cluster): a redelivered message replaces the run and does not count again. */
  saveClusterRun(sweepId: string, run: ClusterReport): Promise<{ landed: number; planned: number }>;
  /** True for the one caller that may finish the open sweep (again once an older claim is `staleBefore`). */
  claimFinish(sweepId: string, at: Date, staleBefore?: Date): Promise<boolean>;
  /** Gives back a lease (e.g. the manual-sweep lease held by this sweep's id). */
  releaseLease(name: string, holder: string): Promise<void>;
  finishSweep(sweepId: string, finishedAt: string): Promise<SweepReport>;
  /** The sweep with every cluster run saved so far; null when unknown. */
  sweep(id: string): Promise<SweepReport | null>;
  /** Newest first; `finishedAt` is absent while a sweep is open. */
  sweeps(opts: {
    limit?: number;
  }): Promise<{ items: { id: string; startedAt: string; finishedAt?: string }[] }>;
}

/** Rebuilds a client for a target that crossed the queue as JSON (kubeconfig context or EKS cluster). */
export type ConnectQueued = (target: QueuedTarget) => Promise<ClusterApi>;

export type LoadTargets = () => Promise<ClusterTarget[]>;

export type { SweepRunChecks };
