/**
 * The narrow, read-mostly view of one cluster that checks use. Only `core/kube/` implements it (plain JSON
 * requests and its own WebSocket exec client; @kubernetes/client-node only for its types and, loaded on demand,
 * auth providers and proxies); tests use the simulator or in-memory fakes.
 *
 * Every method takes an optional `signal`; implementations also apply their own per-call deadline.
 * Failures throw `FleetcheckError` (core/errors.ts) with code access-denied (naming verb + resource),
 * not-found (only where a method does not return null for it), rate-limited, server-error,
 * unreachable or timeout. "Unhealthy" is never an exception.
 */
export interface CallOptions {
  signal?: AbortSignal;
  /** Sent ahead of the cluster's other waiting REST calls (those of the run's longest path: the probe Job). */
  urgent?: boolean;
}

export interface NodeInfo {
  name: string;
  ready: boolean;
  kernelVersion: string;
  internalIP?: string;
  labels: Record<string, string>;
}

export interface ContainerInfo {
  name: string;
  ready: boolean;
  restartCount: number;
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  /** waiting/terminated reason, e.g. CrashLoopBackOff, ImagePullBackOff, Completed. */
  reason?: string;
  exitCode?: number;
  image?: string;
}

export interface PodInfo {
  name: string;
  namespace: string;
  nodeName?: string;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  /** The pod's Ready condition. */
  ready: boolean;
  labels: Record<string, string>;
  containers: ContainerInfo[];
  /** Pod conditions that are not True, e.g. PodScheduled=False reason Unschedulable. */
  pendingReason?: string;
  createdAt?: string;
}

export interface WorkloadStatus {
  kind: 'DaemonSet' | 'Deployment';
  name: string;
  namespace: string;
  desired: number;
  ready: number;
  available: number;
  updated: number;
  images: string[];
}

export interface CiliumEndpointInfo {
  name: string;
  namespace: string;
  /** `status.state`, e.g. ready, not-ready, waiting-for-identity, regenerating. */
  state?: string;
  identityId?: number;
  nodeIP?: string;
}

/** CiliumEndpoints counted page by page: memory stays flat however many endpoints the cluster has. */
export interface CiliumEndpointSummary {
  total: number;
  /** Count per `status.state` (`unknown` when an endpoint has none). */
  byState: Record<string, number>;
  /** Endpoints with a state other than `ready`. */
  notReady: number;
  /** The first of them (at most the requested number), in list order. */
  notReadySample: CiliumEndpointInfo[];
}

export interface ExecOptions extends CallOptions {
  /** Wall-clock limit for the whole session; on expiry the socket is terminated and `timeout` thrown. */
  deadlineMs: number;
  /** Output cap per stream (bytes); beyond it output is dropped and `truncated` set. Default 1 MiB. */
  maxOutputBytes?: number;
  /**
   * Called once when the session may open, after any wait for the process's bound on open sessions: the
   * deadline runs from here, and so should any guard a caller keeps past it.
   */
  onOpen?: () => void;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** From the Status on channel 3: 0 on Success, the ExitCode cause otherwise; null when no Status came. */
  exitCode: number | null;
  /** Status message when the runtime failed without an exit code (e.g. container not found). */
  failure?: string;
  truncated: boolean;
  durationMs: number;
}

export interface JobContainerSpec {
  name: string;
  image: string;
  argv: string[];
}

export interface JobSpec {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  containers: JobContainerSpec[];
  activeDeadlineSeconds: number;
  ttlSecondsAfterFinished: number;
}

export interface JobStatus {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  createdAt?: string;
  active: number;
  succeeded: number;
  failed: number;
  /** Complete / Failed with status True means finished. */
  conditions: { type: string; status: string; reason?: string; message?: string }[];
}

export interface ClusterApi {
  /** The fleet name of the cluster (identity), not its URL. */
  readonly cluster: string;
  serverVersion(opts?: CallOptions): Promise<{ gitVersion: string }>;
  listNodes(opts?: CallOptions): Promise<NodeInfo[]>;
  listPods(namespace: string, labelSelector?: string, opts?: CallOptions): Promise<PodInfo[]>;
  /** null when absent (404). */
  getDaemonSet(namespace: string, name: string, opts?: CallOptions): Promise<WorkloadStatus | null>;
  getDeployment(namespace: string, name: string, opts?: CallOptions): Promise<WorkloadStatus | null>;
  getConfigMap(namespace: string, name: string, opts?: CallOptions): Promise<Record<string, string> | null>;
  /** Values base64-decoded to UTF-8. null when absent. */
  getSecret(namespace: string, name: string, opts?: CallOptions): Promise<Record<string, string> | null>;
  namespaceExists(name: string, opts?: CallOptions): Promise<boolean>;
  /** CiliumEndpoints (cilium.io/v2) in all namespaces, read in pages and counted; `sampleSize` names kept (default 25). */
  summarizeCiliumEndpoints(opts?: CallOptions & { sampleSize?: number }): Promise<CiliumEndpointSummary>;
  /** Runs argv (never a shell string) in a container and waits for its exit status. */
  exec(
    namespace: string,
    pod: string,
    container: string,
    argv: string[],
    opts: ExecOptions,
  ): Promise<ExecResult>;
  createJob(spec: JobSpec, opts?: CallOptions): Promise<void>;
  getJob(namespace: string, name: string, opts?: CallOptions): Promise<JobStatus | null>;
  listJobs(namespace: string, labelSelector: string, opts?: CallOptions): Promise<JobStatus[]>;
  /** Deletes with propagationPolicy Background; a 404 is not an error. */
  deleteJob(namespace: string, name: string, opts?: CallOptions): Promise<void>;
  /** Pods of a Job (label `job-name=<name>`). */
  listJobPods(namespace: string, jobName: string, opts?: CallOptions): Promise<PodInfo[]>;
  podLogs(namespace: string, pod: string, container: string, opts?: CallOptions): Promise<string>;
  /** Releases the client's kept-alive connections; the sweep calls it when the cluster's run ends (clients that hold none may omit it). */
  close?(): void;
}
