import { atLeast } from './version.ts';

/**
 * Per-minor output changes of real agents, each read from Cilium's source at the tags in docs/cilium-formats.md
 * (cilium/cilium-cli vendoring github.com/cilium/cilium). Kept apart from core/ on purpose.
 */
export const cutovers = {
  /** `cilium-health status` / `Cluster health:`: `N/M` count table, header always (v1.17.0-pre.2). */
  healthTable: (v: string) => atLeast(v, 1, 17),
  /** `probeInterval`, `lastProbed`, `(Probe interval: …)`, `(Last probed: …)` and a size-dependent interval (1.18). */
  probeInterval: (v: string) => atLeast(v, 1, 18),
  /** `ClusterMesh: N/M remote clusters ready` instead of `clusters ready`; `reconnections` for `failures` (1.16). */
  remoteClustersWording: (v: string) => atLeast(v, 1, 16),
  /** Remote cluster `MCS-API service exports` count and `service-exports=` config (v1.17.0-pre.2). */
  serviceExports: (v: string) => atLeast(v, 1, 17),
  /** `num-global-services` and `, N global-services` are gone (1.19). */
  globalServices: (v: string) => !atLeast(v, 1, 19),
  /** `hubble.metrics` moves to a top-level `hubble-metrics` (1.19). */
  hubbleMetricsTopLevel: (v: string) => atLeast(v, 1, 19),
};
