import type { ErrorCode } from '../errors.ts';
import type { ClusterApi } from '../kube/cluster-api.ts';

/** Per-cluster settings that a fleet file may override. */
export interface ClusterOverrides {
  sampleAgents?: number;
  full?: boolean;
  /** node.health.latency: p95 RTT in ms above which the check warns / fails. */
  latencyWarnMs?: number;
  latencyFailMs?: number;
  /** node.endpoints.state: endpoints in a bad state tolerated before warn / fail. */
  endpointsWarn?: number;
  endpointsFail?: number;
  /** config.health.detection: seconds within which a node / peer loss must be noticed. */
  detectionBudgetSeconds?: number;
  /** Run the business Job every Nth sweep (1 = every sweep). */
  businessEvery?: number;
}

export interface ProbeTarget {
  /** host:port for `nc -z`, or an http(s) URL for `wget`. */
  target: string;
  name?: string;
}

/** One cluster of the fleet: a stable name (identity across sweeps, never the URL) and how to reach it. */
export interface ClusterTarget {
  name: string;
  provider: 'eks' | 'gke' | 'aks' | 'generic';
  region?: string;
  account?: string;
  labels: Record<string, string>;
  meshGroup?: string;
  /** Peers the operator expects, in addition to those in the clustermesh secret. */
  expectedPeers: string[];
  probeTargets: ProbeTarget[];
  overrides: ClusterOverrides;
  /** How the client is built; `connect` returns a ready ClusterApi. */
  source:
    | { kind: 'kubeconfig'; file?: string; context: string }
    | { kind: 'eks'; region: string; clusterName: string; roleArn?: string; externalId?: string }
    /** A source that could not be resolved (e.g. EKS discovery of a region failed): every run is an error. */
    | { kind: 'unavailable'; code: ErrorCode; reason: string };
  connect(): Promise<ClusterApi>;
}
