import { isoSeconds } from '../world/model.ts';
import { type ContainerDef, type ContainerRun, podObject } from '../world/objects-pod.ts';
import type { KObject } from '../world/types.ts';

export interface ContainerOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Lifecycle record of one Job (one pod, no retries). */
export interface JobRecord {
  job: KObject;
  createdMs: number;
  podName: string;
  podUid: string;
  nodeName: string;
  hostIP: string;
  podIP: string;
  /** Set once the pod's containers ran. */
  startedMs?: number;
  outputs?: ContainerOutput[];
  /** Set once the Job finished (Complete or Failed). */
  finishedMs?: number;
  failure?: { reason: string; message: string };
  pending?: 'Unschedulable' | 'ImagePullBackOff';
  podDeleted?: boolean;
  /** The lifecycle state last written to the store (see {@link lifecycleKey}). */
  storedKey?: string;
}

/** What the Job's and its pod's objects are rendered from, besides the fixed fields: equal keys render equally. */
export function lifecycleKey(r: JobRecord): string {
  return `${r.startedMs}|${r.finishedMs}|${r.failure?.reason}|${r.pending}|${r.podDeleted}|${r.outputs?.length}`;
}

function containersOf(job: KObject): ContainerDef[] {
  return (job.spec?.template?.spec?.containers ?? []) as ContainerDef[];
}

/** The Job's pod in its current lifecycle state. */
export function jobPod(r: JobRecord, nodeCount: number): KObject {
  const meta = r.job.metadata;
  const tpl = r.job.spec?.template ?? {};
  const containers = containersOf(r.job);
  const created = isoSeconds(r.createdMs);
  const started = r.startedMs !== undefined ? isoSeconds(r.startedMs) : undefined;
  let phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' = 'Pending';
  let runs: { run: ContainerRun }[];
  if (r.outputs && started) {
    phase = r.outputs.every((o) => o.exitCode === 0) ? 'Succeeded' : 'Failed';
    runs = r.outputs.map((o) => ({
      run: {
        kind: 'terminated',
        exitCode: o.exitCode,
        reason: o.exitCode === 0 ? 'Completed' : 'Error',
        startedAt: started,
        finishedAt: started,
      },
    }));
  } else if (r.pending === 'ImagePullBackOff') {
    runs = containers.map((c) => ({
      run: { kind: 'waiting', reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` },
    }));
  } else {
    runs = containers.map(() => ({ run: { kind: 'waiting', reason: 'ContainerCreating' } }));
  }
  const unschedulable =
    r.pending === 'Unschedulable'
      ? {
          reason: 'Unschedulable',
          message: `0/${nodeCount} nodes are available: ${nodeCount} node(s) didn't match Pod's node affinity/selector. preemption: 0/${nodeCount} nodes are available: ${nodeCount} Preemption is not helpful for scheduling.`,
        }
      : undefined;
  const uid = meta.uid;
  return podObject({
    name: r.podName,
    namespace: meta.namespace ?? 'default',
    uid: r.podUid,
    created,
    labels: {
      ...(tpl.metadata?.labels ?? {}),
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': meta.name,
      'controller-uid': uid,
      'job-name': meta.name,
    },
    annotations: tpl.metadata?.annotations,
    owner: { apiVersion: 'batch/v1', kind: 'Job', name: meta.name, uid },
    nodeName: unschedulable ? undefined : r.nodeName,
    hostIP: r.hostIP,
    podIP: r.podIP,
    containers,
    extraSpec: { restartPolicy: tpl.spec?.restartPolicy ?? 'Never' },
    phase,
    runs,
    unschedulable,
    startTime: unschedulable ? undefined : created,
  });
}

/** The Job object with a status matching its record. */
export function jobWithStatus(r: JobRecord): KObject {
  const status: Record<string, unknown> = {
    startTime: isoSeconds(r.createdMs),
    uncountedTerminatedPods: {},
    ready: 0,
    terminating: 0,
  };
  const at = r.finishedMs !== undefined ? isoSeconds(r.finishedMs) : undefined;
  if (r.finishedMs === undefined) status.active = 1;
  else if (!r.failure) {
    status.succeeded = 1;
    status.completionTime = at;
    status.conditions = [
      {
        type: 'SuccessCriteriaMet',
        status: 'True',
        lastProbeTime: at,
        lastTransitionTime: at,
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
      },
      {
        type: 'Complete',
        status: 'True',
        lastProbeTime: at,
        lastTransitionTime: at,
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
      },
    ];
  } else {
    if (r.outputs) status.failed = 1;
    status.conditions = [
      {
        type: 'FailureTarget',
        status: 'True',
        lastProbeTime: at,
        lastTransitionTime: at,
        reason: r.failure.reason,
        message: r.failure.message,
      },
      {
        type: 'Failed',
        status: 'True',
        lastProbeTime: at,
        lastTransitionTime: at,
        reason: r.failure.reason,
        message: r.failure.message,
      },
    ];
  }
  return { ...r.job, status };
}
