import type { KObject } from './types.ts';

export type ContainerRun =
  | { kind: 'running'; ready: boolean; startedAt: string }
  | { kind: 'waiting'; reason: string; message?: string }
  | { kind: 'terminated'; exitCode: number; reason: string; startedAt: string; finishedAt: string };

export interface ContainerDef {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  [field: string]: unknown;
}

export interface PodParams {
  name: string;
  namespace: string;
  uid: string;
  created: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  owner?: { apiVersion: string; kind: string; name: string; uid: string };
  nodeName?: string;
  hostIP?: string;
  podIP?: string;
  hostNetwork?: boolean;
  serviceAccountName?: string;
  containers: ContainerDef[];
  initContainers?: ContainerDef[];
  extraSpec?: Record<string, unknown>;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  /** Per main container (same order); restartCount and last termination for crash loops. */
  runs: {
    run: ContainerRun;
    restartCount?: number;
    lastTerminated?: { exitCode: number; reason: string; finishedAt: string };
  }[];
  /** PodScheduled=False with this reason (e.g. Unschedulable) and message. */
  unschedulable?: { reason: string; message: string };
  startTime?: string;
}

function containerStatus(
  def: ContainerDef,
  p: PodParams['runs'][number] | undefined,
): Record<string, unknown> {
  const run = p?.run ?? { kind: 'waiting', reason: 'ContainerCreating' };
  const state =
    run.kind === 'running'
      ? { running: { startedAt: run.startedAt } }
      : run.kind === 'waiting'
        ? { waiting: { reason: run.reason, ...(run.message ? { message: run.message } : {}) } }
        : {
            terminated: {
              exitCode: run.exitCode,
              reason: run.reason,
              startedAt: run.startedAt,
              finishedAt: run.finishedAt,
              containerID: `containerd://${'0'.repeat(64)}`,
            },
          };
  return {
    name: def.name,
    image: def.image,
    imageID: `${def.image.split(':')[0]}@sha256:${'a1b2c3d4'.repeat(8)}`,
    ...(run.kind !== 'waiting'
      ? {
          containerID: `containerd://${def.name
            .padEnd(64, '0')
            .slice(0, 64)
            .replace(/[^0-9a-f]/g, 'e')}`,
        }
      : {}),
    ready: run.kind === 'running' && run.ready,
    started: run.kind === 'running',
    restartCount: p?.restartCount ?? 0,
    state,
    lastState: p?.lastTerminated
      ? { terminated: { ...p.lastTerminated, startedAt: p.lastTerminated.finishedAt } }
      : {},
  };
}

/** A Pod object with spec + a status consistent with the given phase and container runs. */
export function podObject(p: PodParams): KObject {
  const ready =
    p.phase === 'Running' &&
    p.runs.length > 0 &&
    p.runs.every((r) => r.run.kind === 'running' && r.run.ready);
  const cond = (type: string, ok: boolean, reason?: string, message?: string) => ({
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: p.startTime ?? p.created,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  });
  const scheduled = !p.unschedulable;
  const conditions = scheduled
    ? [
        cond('PodReadyToStartContainers', p.phase !== 'Pending'),
        cond('Initialized', true),
        cond(
          'Ready',
          ready,
          ready ? undefined : p.phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady',
        ),
        cond(
          'ContainersReady',
          ready,
          ready ? undefined : p.phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady',
        ),
        cond('PodScheduled', true),
      ]
    : [cond('PodScheduled', false, p.unschedulable?.reason, p.unschedulable?.message)];
  const initStatuses = (p.initContainers ?? []).map((c) =>
    containerStatus(c, {
      run: {
        kind: 'terminated',
        exitCode: 0,
        reason: 'Completed',
        startedAt: p.startTime ?? p.created,
        finishedAt: p.startTime ?? p.created,
      },
    }),
  );
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace,
      uid: p.uid,
      creationTimestamp: p.created,
      labels: p.labels,
      ...(p.annotations ? { annotations: p.annotations } : {}),
      ...(p.owner ? { ownerReferences: [{ ...p.owner, controller: true, blockOwnerDeletion: true }] } : {}),
    },
    spec: {
      ...(p.nodeName ? { nodeName: p.nodeName } : {}),
      ...(p.hostNetwork ? { hostNetwork: true } : {}),
      serviceAccountName: p.serviceAccountName ?? 'default',
      restartPolicy: p.owner?.kind === 'Job' ? 'Never' : 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      ...(p.initContainers ? { initContainers: p.initContainers } : {}),
      containers: p.containers,
      ...p.extraSpec,
    },
    status: {
      phase: p.phase,
      conditions,
      qosClass: 'Burstable',
      ...(scheduled && p.hostIP ? { hostIP: p.hostIP, hostIPs: [{ ip: p.hostIP }] } : {}),
      ...(scheduled && p.podIP && p.phase !== 'Pending' ? { podIP: p.podIP, podIPs: [{ ip: p.podIP }] } : {}),
      ...(p.startTime ? { startTime: p.startTime } : {}),
      ...(scheduled && p.initContainers ? { initContainerStatuses: initStatuses } : {}),
      ...(scheduled ? { containerStatuses: p.containers.map((c, i) => containerStatus(c, p.runs[i])) } : {}),
    },
  };
}
