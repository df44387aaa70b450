/** Public API of the sweep engine. */

export { runSweep, type SweepOptions, sweepClusters } from './run-sweep.ts';
export { businessDue } from './settings.ts';
export { newSweepId } from './sweep-id.ts';
