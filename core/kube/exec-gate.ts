import pLimit, { type LimitFunction } from 'p-limit';

/** Default of {@link execGate}: open sessions mostly wait on their agents; each holds a TLS connection. */
const DEFAULT_EXEC_SESSIONS = 768;
/** Default of {@link execOpeningGate}: sessions doing their TLS handshake and upgrade at once. */
const DEFAULT_EXEC_OPENING = 128;

function fromEnv(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Exec sessions open at once in this process, across every cluster of a sweep (`FLEETCHECK_EXEC_SESSIONS`,
 * default 768): each holds a TLS connection and its buffers (about 40-90 KB) until its command ends. Sessions
 * wait here in arrival order; the wait does not count against a session's own deadline (the cluster's deadline
 * still bounds it).
 */
export const execGate = pLimit(fromEnv(process.env['FLEETCHECK_EXEC_SESSIONS'], DEFAULT_EXEC_SESSIONS));

/**
 * Exec sessions opening at once (`FLEETCHECK_EXEC_OPENING`, default 128): the TLS handshake and the upgrade are
 * where a session costs CPU, so a 200-cluster sweep asking for 2,000 sessions at the same instant opens them a
 * bounded batch at a time, while the sessions already open wait on their agents (a slow agent holds a connection,
 * not a CPU). The wait here comes after the session's deadline has started (it is short: the handshakes ahead
 * of it), unlike the wait for {@link execGate}.
 */
export const execOpeningGate = pLimit(fromEnv(process.env['FLEETCHECK_EXEC_OPENING'], DEFAULT_EXEC_OPENING));

/**
 * Waits for a slot of `limit`; resolves with its release, for a slot held past one function. Calling the release
 * again does nothing (a promise resolves once).
 */
export function acquireSlot(limit: LimitFunction): Promise<() => void> {
  return new Promise((granted) => {
    void limit(() => new Promise<void>((release) => granted(() => release())));
  });
}
