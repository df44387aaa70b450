import { sleep } from '../time/timers.ts';

/** Waits `ms` (or until `signal` aborts, then rejects with its reason). */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * The time one cluster run sees: a monotonic `now` in ms (spans, the probe Job's poll deadline) and the `sleep`
 * its pauses take (the probe Job poll, node.endpoints.state's settle wait). Production keeps real time; tests
 * inject a virtual clock whose sleep advances `now` at once.
 */
export interface RunClock {
  now(): number;
  sleep: Sleep;
}

export const realClock: RunClock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleep(ms, signal),
};
