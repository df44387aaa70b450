import pLimit from 'p-limit';

/** Default of {@link execGate}: enough for 25 clusters' whole exec rounds at once, a bounded set of sockets. */
const DEFAULT_EXEC_SESSIONS = 256;

function fromEnv(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_EXEC_SESSIONS;
}

/**
 * Exec sessions open at once in this process, across every cluster of a sweep (`FLEETCHECK_EXEC_SESSIONS`,
 * default 256). Each holds a TLS connection and its buffers for the command's whole run, so a 200-cluster sweep
 * would otherwise open 2,000 at the same instant: a memory peak and a CPU burst that delays every cluster's
 * other calls. Sessions wait here in arrival order; the wait does not count against a session's own deadline
 * (the cluster's deadline still bounds it).
 */
export const execGate = pLimit(fromEnv(process.env['FLEETCHECK_EXEC_SESSIONS']));
