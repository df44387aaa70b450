import type { V1DaemonSet, V1Deployment, V1Job, V1Node, V1Pod, V1Secret } from '@kubernetes/client-node';
import type { ContainerInfo, JobStatus, NodeInfo, PodInfo, WorkloadStatus } from './cluster-api.ts';

function iso(d: Date | string | undefined): string | undefined {
  if (d === undefined) return undefined;
  return d instanceof Date ? d.toISOString() : String(d);
}

/** Node → NodeInfo (Ready condition, kernel, InternalIP). */
export function toNodeInfo(n: V1Node): NodeInfo {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  return {
    name: n.metadata?.name ?? '',
    ready,
    kernelVersion: n.status?.nodeInfo?.kernelVersion ?? '',
    ...(ip ? { internalIP: ip } : {}),
    labels: n.metadata?.labels ?? {},
  };
}

const PHASES = new Set(['Pending', 'Running', 'Succeeded', 'Failed']);

/** Pod → PodInfo, with per-container state and the first non-True condition as pending reason. */
export function toPodInfo(p: V1Pod): PodInfo {
  const statuses = new Map((p.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  const containers: ContainerInfo[] = (p.spec?.containers ?? []).map((c) => {
    const s = statuses.get(c.name);
    const st = s?.state;
    const state: ContainerInfo['state'] = st?.running
      ? 'running'
      : st?.waiting
        ? 'waiting'
        : st?.terminated
          ? 'terminated'
          : 'unknown';
    const reason = st?.waiting?.reason ?? st?.terminated?.reason;
    const exitCode = st?.terminated?.exitCode;
    return {
      name: c.name,
      ready: s?.ready ?? false,
      restartCount: s?.restartCount ?? 0,
      state,
      ...(reason ? { reason } : {}),
      ...(exitCode !== undefined ? { exitCode } : {}),
      ...(c.image ? { image: c.image } : {}),
    };
  });
  const conds = p.status?.conditions ?? [];
  const notTrue = conds.find((c) => c.status !== 'True' && c.reason);
  const phase = p.status?.phase ?? 'Unknown';
  return {
    name: p.metadata?.name ?? '',
    namespace: p.metadata?.namespace ?? '',
    ...(p.spec?.nodeName ? { nodeName: p.spec.nodeName } : {}),
    phase: (PHASES.has(phase) ? phase : 'Unknown') as PodInfo['phase'],
    ready: conds.find((c) => c.type === 'Ready')?.status === 'True',
    labels: p.metadata?.labels ?? {},
    containers,
    ...(notTrue ? { pendingReason: `${notTrue.type}=${notTrue.status} ${notTrue.reason}`.trim() } : {}),
    ...(p.metadata?.creationTimestamp ? { createdAt: iso(p.metadata.creationTimestamp) } : {}),
  };
}

/** DaemonSet → WorkloadStatus (desiredNumberScheduled / numberReady / numberAvailable / updated). */
export function daemonSetStatus(d: V1DaemonSet): WorkloadStatus {
  const s = d.status;
  return {
    kind: 'DaemonSet',
    name: d.metadata?.name ?? '',
    namespace: d.metadata?.namespace ?? '',
    desired: s?.desiredNumberScheduled ?? 0,
    ready: s?.numberReady ?? 0,
    available: s?.numberAvailable ?? 0,
    updated: s?.updatedNumberScheduled ?? 0,
    images: (d.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').filter(Boolean),
  };
}

/** Deployment → WorkloadStatus (spec.replicas desired, ready/available/updated replicas). */
export function deploymentStatus(d: V1Deployment): WorkloadStatus {
  const s = d.status;
  return {
    kind: 'Deployment',
    name: d.metadata?.name ?? '',
    namespace: d.metadata?.namespace ?? '',
    desired: d.spec?.replicas ?? s?.replicas ?? 1,
    ready: s?.readyReplicas ?? 0,
    available: s?.availableReplicas ?? 0,
    updated: s?.updatedReplicas ?? 0,
    images: (d.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').filter(Boolean),
  };
}

/** Job → JobStatus (counts and conditions). */
export function toJobStatus(j: V1Job): JobStatus {
  return {
    name: j.metadata?.name ?? '',
    namespace: j.metadata?.namespace ?? '',
    labels: j.metadata?.labels ?? {},
    ...(j.metadata?.creationTimestamp ? { createdAt: iso(j.metadata.creationTimestamp) } : {}),
    active: j.status?.active ?? 0,
    succeeded: j.status?.succeeded ?? 0,
    failed: j.status?.failed ?? 0,
    conditions: (j.status?.conditions ?? []).map((c) => ({
      type: c.type,
      status: c.status,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
    })),
  };
}

/** Secret data base64-decoded to UTF-8 (stringData, if a server echoes it, wins). */
export function secretData(s: V1Secret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
  for (const [k, v] of Object.entries(s.stringData ?? {})) out[k] = v;
  return out;
}
