/** core/fleet public surface: fleet sources → ClusterTarget[]. */

export { loadFleetFile, parseFleetFile } from './fleet-file.ts';
export type { FleetFile } from './fleet-file-schema.ts';
export { type LoadFleetOptions, loadFleet } from './load-fleet.ts';
export { guessProvider } from './provider-guess.ts';
export type { ClusterOverrides, ClusterTarget, ProbeTarget } from './target.ts';
