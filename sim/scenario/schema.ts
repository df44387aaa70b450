import { z } from 'zod';

/** Scenario format version 1: a simulated fleet of Cilium clusters, with faults. */

const nodeRef = z.string().min(1);
const window = {
  /** Seconds since simulator start when the fault appears (default: from the start). */
  after: z.number().nonnegative().optional(),
  /** Seconds since simulator start when the fault goes away (default: never). */
  until: z.number().positive().optional(),
};
const onNode = { node: nodeRef.optional(), ...window };
const agentComponent = z.enum(['cilium', 'kvstore', 'kubernetes', 'health', 'hubble']);

export const faultSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('agent-not-ready'), ...onNode }),
  z.object({ type: z.literal('agent-crashloop'), ...onNode }),
  z.object({
    type: z.literal('agent-status'),
    ...onNode,
    component: agentComponent,
    state: z.enum(['Warning', 'Failure']),
    message: z.string().default('simulated failure'),
  }),
  z.object({ type: z.literal('agent-hang'), ...onNode }),
  z.object({
    type: z.literal('controller-failing'),
    ...onNode,
    name: z.string().default('sync-to-k8s-ciliumendpoint'),
    message: z.string().default('simulated controller failure'),
  }),
  z.object({
    type: z.literal('health-unreachable'),
    from: nodeRef.optional(),
    to: nodeRef,
    target: z.enum(['host', 'endpoint', 'both']).default('both'),
    probe: z.enum(['icmp', 'http', 'both']).default('both'),
    /** Which addresses: the primary (IPv4), the dual-stack secondary (IPv6), or both. */
    family: z.enum(['ipv4', 'ipv6', 'both']).default('both'),
    ...window,
  }),
  z.object({ type: z.literal('health-latency'), to: nodeRef, ms: z.number().positive(), ...window }),
  z.object({
    type: z.literal('endpoint-state'),
    state: z.enum([
      'not-ready',
      'waiting-for-identity',
      'regenerating',
      'waiting-to-regenerate',
      'restoring',
      'disconnecting',
      'invalid',
    ]),
    count: z.number().int().positive().default(1),
    namespace: z.string().default('default'),
    ...window,
  }),
  z.object({ type: z.literal('operator-unavailable'), ...window }),
  z.object({ type: z.literal('hubble-down'), ...window }),
  z.object({
    type: z.literal('mesh-disconnected'),
    peer: z.string(),
    message: z.string().default('remote cluster configuration required but not found'),
    ...window,
  }),
  z.object({
    type: z.literal('dns-failure'),
    mode: z.enum(['nxdomain', 'timeout']).default('nxdomain'),
    ...window,
  }),
  z.object({ type: z.literal('service-refused'), ...window }),
  z.object({ type: z.literal('service-timeout'), ...window }),
  z.object({
    type: z.literal('job-pending'),
    reason: z.enum(['Unschedulable', 'ImagePullBackOff']).default('Unschedulable'),
    ...window,
  }),
  z.object({
    type: z.literal('api-error'),
    status: z.union([z.literal(401), z.literal(403), z.literal(429), z.literal(500), z.literal(503)]),
    /** Regex matched against the request path (default: every path). */
    path: z.string().optional(),
    /** Fail every n-th matching request (default 1 = every one). */
    every: z.number().int().positive().default(1),
    ...window,
  }),
  z.object({ type: z.literal('api-latency'), ms: z.number().nonnegative(), ...window }),
  z.object({ type: z.literal('apiserver-down'), ...window }),
  z.object({ type: z.literal('exec-forbidden'), ...window }),
  /**
   * `stdout` replaces what agents print for `status` (`cilium-dbg status`), `health` (`cilium-health status`) or
   * `endpoints` (`cilium-dbg endpoint list`, and the CiliumEndpoint list body the apiserver serves); `stderr`, when
   * set, replaces what they print on stderr, and `exitCode`, when set, their exit code. With `probe`, every probe
   * Job container prints `stdout` then `stderr` (its pod log) and exits with `exitCode` (default 1).
   */
  z.object({
    type: z.literal('garbage-output'),
    command: z.enum(['status', 'health', 'endpoints', 'probe']),
    stdout: z.string().default('\u0000\u0001garbage{{{ not json'),
    stderr: z.string().optional(),
    exitCode: z.number().int().min(0).max(255).optional(),
    ...onNode,
  }),
]);
export type Fault = z.infer<typeof faultSchema>;
export type FaultType = Fault['type'];
export const faultTypes = faultSchema.options.map((o) => o.shape.type.value) as FaultType[];

const latencySchema = z.object({
  apiMs: z.number().nonnegative().default(2),
  execMs: z.number().nonnegative().default(30),
  jobStartSeconds: z.number().nonnegative().default(2),
});

const clusterSettings = {
  provider: z.enum(['eks', 'gke', 'aks', 'generic']),
  region: z.string().min(1),
  account: z.string().optional(),
  ciliumVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a version like "1.16.5"'),
  /** The API server's Kubernetes version, e.g. "1.33" or "1.33.2": /version and the exec RBAC verbs follow it. */
  kubernetesVersion: z
    .string()
    .regex(/^1\.\d+(\.\d+)?$/, 'expected a Kubernetes version like "1.33" or "1.33.2"'),
  nodes: z.number().int().min(1).max(5000),
  nodeNames: z.array(z.string().min(1)).optional(),
  kernel: z.string().min(1),
  kernels: z.record(z.string(), z.string()).optional(),
  hubble: z.boolean(),
  latency: latencySchema,
  labels: z.record(z.string(), z.string()).optional(),
};

const clusterSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'cluster names are lowercase DNS labels')
    .max(63),
  clusterId: z.number().int().min(0).max(511).optional(),
  provider: clusterSettings.provider.optional(),
  region: clusterSettings.region.optional(),
  account: clusterSettings.account,
  ciliumVersion: clusterSettings.ciliumVersion.optional(),
  kubernetesVersion: clusterSettings.kubernetesVersion.optional(),
  nodes: clusterSettings.nodes.optional(),
  nodeNames: clusterSettings.nodeNames,
  kernel: clusterSettings.kernel.optional(),
  kernels: clusterSettings.kernels,
  hubble: clusterSettings.hubble.optional(),
  latency: latencySchema.partial().optional(),
  labels: clusterSettings.labels,
  /** Peers in this cluster's kube-system/cilium-clustermesh secret (may name clusters not in the scenario). */
  mesh: z.array(z.string()).default([]),
  /** The secret also holds this cluster's own entry, as a shared Helm cluster list renders it (agents ignore it). */
  meshSecretIncludesSelf: z.boolean().default(false),
  /** Nodes get an IPv6 secondary address (node and health endpoint) that cilium-health probes too. */
  dualStack: z.boolean().default(false),
  /** The cluster DNS domain (kubelet clusterDomain, CoreDNS `kubernetes` zone). */
  clusterDomain: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/)
    .default('cluster.local'),
  /** Extra cilium-config keys. */
  config: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  faults: z.array(faultSchema).default([]),
});

export const scenarioSchema = z
  .object({
    version: z.literal(1),
    seed: z.number().int().default(1),
    defaults: z
      .object({
        provider: clusterSettings.provider.default('eks'),
        region: clusterSettings.region.default('us-east-1'),
        account: clusterSettings.account,
        ciliumVersion: clusterSettings.ciliumVersion.default('1.16.5'),
        kubernetesVersion: clusterSettings.kubernetesVersion.default('1.32.4'),
        nodes: clusterSettings.nodes.default(3),
        kernel: clusterSettings.kernel.default('6.1.112'),
        kernels: clusterSettings.kernels,
        hubble: clusterSettings.hubble.default(true),
        latency: latencySchema.default({ apiMs: 2, execMs: 30, jobStartSeconds: 2 }),
        labels: clusterSettings.labels,
      })
      .prefault({}),
    clusters: z.array(clusterSchema).min(1),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.clusters.forEach((c, i) => {
      if (seen.has(c.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['clusters', i, 'name'],
          message: `duplicate cluster name "${c.name}"`,
        });
      }
      seen.add(c.name);
    });
  });
export type Scenario = z.output<typeof scenarioSchema>;

/** A cluster with the scenario defaults applied. */
export interface ResolvedCluster {
  name: string;
  clusterId: number;
  provider: 'eks' | 'gke' | 'aks' | 'generic';
  region: string;
  account?: string;
  ciliumVersion: string;
  /** `1.<minor>.<patch>` (a scenario's "1.33" gets patch 0). */
  kubernetesVersion: string;
  nodeNames: string[];
  /** Kernel per node name. */
  kernels: Record<string, string>;
  hubble: boolean;
  latency: z.output<typeof latencySchema>;
  labels: Record<string, string>;
  mesh: string[];
  meshSecretIncludesSelf: boolean;
  dualStack: boolean;
  clusterDomain: string;
  config: Record<string, string>;
  faults: Fault[];
}
