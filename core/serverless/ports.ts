import type { ClusterTarget } from '../fleet/target.ts';
import type { SweepRunsReader, SweepWriter } from '../history/ports.ts';
import type { ClusterApi } from '../kube/cluster-api.ts';
import type { QueuedTarget } from '../sweep/queue-message.ts';
import type { SweepRunChecks } from '../sweep/run-cluster.ts';

/**
 * The slice of the history store (db/store.ts `Store`) the serverless path writes to and finishes from. Declared
 * in core so core does not import db; any `Store` satisfies it.
 */
export type SweepRecorder = SweepWriter &
  SweepRunsReader & {
    /** Newest first; `finishedAt` is absent while a sweep is open. */
    sweeps(opts: {
      limit?: number;
    }): Promise<{ items: { id: string; startedAt: string; finishedAt?: string }[] }>;
  };

/** Rebuilds a client for a target that crossed the queue as JSON (kubeconfig context or EKS cluster). */
export type ConnectQueued = (target: QueuedTarget) => Promise<ClusterApi>;

export type LoadTargets = () => Promise<ClusterTarget[]>;

export type { SweepRunChecks };
