/** core/fleet public surface: fleet sources → ClusterTarget[]. */

export { loadFleet } from './load-fleet.ts';
