import type { KObject } from '../world/types.ts';
import { humanDuration } from './human-duration.ts';

export interface Column {
  name: string;
  priority?: number;
  type?: string;
  cell: (o: KObject, nowMs: number) => string | number;
}

const age: Column = {
  name: 'Age',
  cell: (o, now) => humanDuration(now - Date.parse(o.metadata.creationTimestamp)),
};
const name: Column = { name: 'Name', cell: (o) => o.metadata.name };
type CStatus = {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
};

function podStatus(o: KObject): string {
  const cs = (o.status?.containerStatuses ?? []) as CStatus[];
  for (const c of cs) if (c.state?.waiting?.reason) return c.state.waiting.reason;
  if (o.status?.phase === 'Succeeded') return 'Completed';
  if (o.status?.phase === 'Failed')
    return cs.find((c) => c.state?.terminated?.reason)?.state?.terminated?.reason ?? 'Error';
  return o.status?.phase ?? 'Unknown';
}

const containers = (o: KObject): { name: string; image: string }[] =>
  o.spec?.template?.spec?.containers ?? [];
const wideWorkload: Column[] = [
  {
    name: 'Containers',
    priority: 1,
    cell: (o) =>
      containers(o)
        .map((c) => c.name)
        .join(','),
  },
  {
    name: 'Images',
    priority: 1,
    cell: (o) =>
      containers(o)
        .map((c) => c.image)
        .join(','),
  },
  {
    name: 'Selector',
    priority: 1,
    cell: (o) =>
      Object.entries(o.spec?.selector?.matchLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
  },
];

function jobStatus(o: KObject): string {
  const conds = (o.status?.conditions ?? []) as { type: string; status: string }[];
  if (conds.some((c) => c.type === 'Complete' && c.status === 'True')) return 'Complete';
  if (conds.some((c) => c.type === 'Failed' && c.status === 'True')) return 'Failed';
  return 'Running';
}

/** Server-side printer columns per resource (kubectl's `as=Table`). */
export const COLUMNS: Record<string, Column[]> = {
  pods: [
    name,
    {
      name: 'Ready',
      cell: (o) => {
        const cs = (o.status?.containerStatuses ?? []) as CStatus[];
        return `${cs.filter((c) => c.ready).length}/${(o.spec?.containers ?? []).length}`;
      },
    },
    { name: 'Status', cell: podStatus },
    {
      name: 'Restarts',
      type: 'string',
      cell: (o) =>
        String(
          ((o.status?.containerStatuses ?? []) as CStatus[]).reduce((n, c) => n + (c.restartCount ?? 0), 0),
        ),
    },
    age,
    { name: 'IP', priority: 1, cell: (o) => o.status?.podIP ?? '<none>' },
    { name: 'Node', priority: 1, cell: (o) => o.spec?.nodeName ?? '<none>' },
    { name: 'Nominated Node', priority: 1, cell: () => '<none>' },
    { name: 'Readiness Gates', priority: 1, cell: () => '<none>' },
  ],
  nodes: [
    name,
    {
      name: 'Status',
      cell: (o) =>
        ((o.status?.conditions ?? []) as { type: string; status: string }[]).some(
          (c) => c.type === 'Ready' && c.status === 'True',
        )
          ? 'Ready'
          : 'NotReady',
    },
    { name: 'Roles', cell: () => '<none>' },
    age,
    { name: 'Version', cell: (o) => o.status?.nodeInfo?.kubeletVersion ?? '' },
    {
      name: 'Internal-IP',
      priority: 1,
      cell: (o) =>
        ((o.status?.addresses ?? []) as { type: string; address: string }[]).find(
          (a) => a.type === 'InternalIP',
        )?.address ?? '<none>',
    },
    { name: 'External-IP', priority: 1, cell: () => '<none>' },
    { name: 'OS-Image', priority: 1, cell: (o) => o.status?.nodeInfo?.osImage ?? '' },
    { name: 'Kernel-Version', priority: 1, cell: (o) => o.status?.nodeInfo?.kernelVersion ?? '' },
    {
      name: 'Container-Runtime',
      priority: 1,
      cell: (o) => o.status?.nodeInfo?.containerRuntimeVersion ?? '',
    },
  ],
  daemonsets: [
    name,
    { name: 'Desired', type: 'integer', cell: (o) => o.status?.desiredNumberScheduled ?? 0 },
    { name: 'Current', type: 'integer', cell: (o) => o.status?.currentNumberScheduled ?? 0 },
    { name: 'Ready', type: 'integer', cell: (o) => o.status?.numberReady ?? 0 },
    { name: 'Up-to-date', type: 'integer', cell: (o) => o.status?.updatedNumberScheduled ?? 0 },
    { name: 'Available', type: 'integer', cell: (o) => o.status?.numberAvailable ?? 0 },
    { name: 'Node Selector', cell: () => 'kubernetes.io/os=linux' },
    age,
    ...wideWorkload,
  ],
  deployments: [
    name,
    { name: 'Ready', cell: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}` },
    { name: 'Up-to-date', type: 'integer', cell: (o) => o.status?.updatedReplicas ?? 0 },
    { name: 'Available', type: 'integer', cell: (o) => o.status?.availableReplicas ?? 0 },
    age,
    ...wideWorkload,
  ],
  jobs: [
    name,
    { name: 'Status', cell: jobStatus },
    { name: 'Completions', cell: (o) => `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}` },
    {
      name: 'Duration',
      cell: (o, now) =>
        o.status?.startTime
          ? humanDuration(
              (o.status?.completionTime ? Date.parse(o.status.completionTime) : now) -
                Date.parse(o.status.startTime),
            )
          : '',
    },
    age,
    ...wideWorkload,
  ],
  ciliumendpoints: [
    name,
    { name: 'Security Identity', type: 'integer', cell: (o) => o.status?.identity?.id ?? 0 },
    { name: 'Endpoint State', cell: (o) => o.status?.state ?? '' },
    { name: 'IPv4', cell: (o) => o.status?.networking?.addressing?.[0]?.ipv4 ?? '' },
    { name: 'IPv6', cell: (o) => o.status?.networking?.addressing?.[0]?.ipv6 ?? '' },
  ],
  configmaps: [name, { name: 'Data', type: 'integer', cell: (o) => Object.keys(o.data ?? {}).length }, age],
  secrets: [
    name,
    { name: 'Type', cell: (o) => o.type ?? 'Opaque' },
    { name: 'Data', type: 'integer', cell: (o) => Object.keys(o.data ?? {}).length },
    age,
  ],
  namespaces: [name, { name: 'Status', cell: (o) => o.status?.phase ?? 'Active' }, age],
  services: [
    name,
    { name: 'Type', cell: (o) => o.spec?.type ?? 'ClusterIP' },
    { name: 'Cluster-IP', cell: (o) => o.spec?.clusterIP ?? '' },
    { name: 'External-IP', cell: () => '<none>' },
    {
      name: 'Port(s)',
      cell: (o) =>
        ((o.spec?.ports ?? []) as { port: number; protocol: string }[])
          .map((p) => `${p.port}/${p.protocol}`)
          .join(','),
    },
    age,
  ],
  endpoints: [
    name,
    {
      name: 'Endpoints',
      cell: (o) =>
        ((o.subsets ?? []) as { addresses?: { ip: string }[]; ports?: { port: number }[] }[])
          .flatMap((s) => (s.addresses ?? []).map((a) => `${a.ip}:${s.ports?.[0]?.port ?? ''}`))
          .join(',') || '<none>',
    },
    age,
  ],
};
