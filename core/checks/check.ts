import type { ClusterTarget } from '../fleet/target.ts';
import type { ClusterApi } from '../kube/cluster-api.ts';
import { LAYERS } from '../layers.ts';
import type { Layer } from '../outcome.ts';
import type { ClusterReport } from '../sweep/report.ts';

/** Effective settings for checking one cluster (fleet defaults merged with per-cluster overrides). */
export interface CheckSettings {
  layers: Layer[];
  /** Agents sampled per cluster (plus every not-Ready agent); ignored with `full`. */
  sampleAgents: number;
  full: boolean;
  /** Run the business probe Job in this sweep (quick vs thorough sweeps). */
  runBusiness: boolean;
  /** Ask cilium-health for a synchronous probe (`--probe`). */
  healthProbe: boolean;
  /** Execs in flight per cluster; the default fits both agent commands on the default sample in one round. */
  execConcurrency: number;
  apiDeadlineMs: number;
  execDeadlineMs: number;
  latencyWarnMs: number;
  latencyFailMs: number;
  endpointsWarn: number;
  endpointsFail: number;
  /**
   * How long node.endpoints.state waits before re-reading endpoints found in a transitional state (regenerating,
   * waiting-for-identity...): only those still not ready then count. 0 = judge the first read as is.
   */
  endpointsSettleMs: number;
  detectionBudgetSeconds: number;
  probeNamespace: string;
}

export const defaultCheckSettings: CheckSettings = {
  layers: [...LAYERS],
  sampleAgents: 5,
  full: false,
  runBusiness: true,
  healthProbe: false,
  execConcurrency: 10,
  apiDeadlineMs: 10_000,
  execDeadlineMs: 15_000,
  latencyWarnMs: 5,
  latencyFailMs: 50,
  endpointsWarn: 1,
  endpointsFail: 10,
  endpointsSettleMs: 10_000,
  detectionBudgetSeconds: 300,
  probeNamespace: 'fleetcheck-probe',
};

/** What one cluster's check run produced: results plus the facts the store and cross-cluster checks need. */
export type ClusterRun = Omit<ClusterReport, 'status' | 'durationMs'>;

/** Runs every enabled check of one cluster; never throws for an unhealthy or unreachable cluster. */
export type RunClusterChecks = (
  api: ClusterApi,
  target: ClusterTarget,
  settings: CheckSettings,
  signal: AbortSignal,
) => Promise<ClusterRun>;
