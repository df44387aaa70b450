/** Public API of the sweep engine. */

export { type AssembleInput, assembleSweepReport } from './assemble.ts';
export { BUSINESS_CHECKS, quickSweepSkips } from './business-skips.ts';
export { CROSS_CLUSTER, crossClusterChecks } from './cross/index.ts';
export { minorOf } from './cross/version-skew.ts';
export { configuredPeers, type FleetMember, peerIndex } from './peers.ts';
export { type MeshPair, meshComponents, meshPairsOf, planSweep, type SweepPlan } from './plan.ts';
export { type RunClusterOptions, runCluster, type SweepRunChecks } from './run-cluster.ts';
export { runSweep, type SweepOptions, type SweepProgress, sweepClusters } from './run-sweep.ts';
export { businessDue, effectiveSettings, QUICK_SWEEP_REASON } from './settings.ts';
export { clusterStatus, countStatuses, sweepStatus } from './status.ts';
export { newSweepId } from './sweep-id.ts';
