import type { z } from 'zod';
import type { faultSchema } from './scenario/schema.ts';

/** A fault as written in a scenario (defaults not yet applied); `setFaults` applies them. */
export type FaultInput = z.input<typeof faultSchema>;

export interface SimulatorOptions {
  /** Serve plain HTTP instead of HTTPS (tests only; client-node then needs skipTLSVerify). */
  plainHttp?: boolean;
  /** Simulator clock in ms since epoch (default Date.now); fault windows and Job timing use it. */
  clock?: () => number;
}

export interface SimulatedCluster {
  name: string;
  /** e.g. https://127.0.0.1:40123 */
  server: string;
  /** The identity deploy/rbac.yaml binds (user fleetcheck, group fleetcheck): only its grants are allowed. */
  token: string;
  /** A system:masters identity (set-up and kubectl tests outside fleetcheck's grants). */
  adminToken: string;
  /** The ServiceAccount fleetcheck/fleetcheck that deploy/rbac.yaml also binds: the same grants as `token`. */
  serviceAccountToken: string;
}

export interface ClusterStats {
  requests: number;
  /** Keyed `<verb> <resource>`, e.g. `list pods`, `get nodes`, `watch jobs`, `create jobs`, `exec pods`. */
  requestsByResource: Record<string, number>;
  execSessions: number;
  /** Client connections accepted (TLS ones counted after the handshake). */
  connections: number;
  /** Of those, TLS connections that resumed an earlier session. */
  resumedConnections: number;
  /** Keyed by argv[0..1] joined with a space, e.g. `cilium-dbg status`. */
  execByCommand: Record<string, number>;
  jobsCreated: number;
  jobsDeleted: number;
  liveJobs: number;
  /** Pods owned by Jobs (probe pods), including ones orphaned by a delete without propagation. */
  livePods: number;
}

export interface Simulator {
  clusters: SimulatedCluster[];
  caPem: string;
  /** One context per cluster (context name = cluster name), CA + token embedded. */
  kubeconfigYaml(): string;
  writeKubeconfig(file: string): Promise<void>;
  /**
   * Replaces a cluster's faults at runtime (validated, defaults applied; windows are evaluated
   * against the clock from simulator start). Throws ScenarioError-like errors for invalid faults.
   */
  setFaults(cluster: string, faults: FaultInput[]): void;
  stats(cluster: string): ClusterStats;
  resetStats(): void;
  stop(): Promise<void>;
}
