/** Per-cluster check deadline a queue message carries (DESIGN §6). */
export const CLUSTER_DEADLINE_MS = 90_000;
/** A queued check not started within this of planning is dropped: its sweep is about to be closed. */
export const SWEEP_DEADLINE_MS = 30 * 60_000;
/** Past the deadline, how long the planner waits (a worker's timeout and more) before closing a sweep. */
export const SWEEP_ABANDON_MS = 5 * 60_000;
/** The lease a manually started sweep holds (its id as holder) until it is finished, across containers. */
export const SWEEP_LEASE = 'manual-sweep';
