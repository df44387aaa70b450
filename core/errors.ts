/** Codes of the errors fleetcheck expects and maps (to outcomes, exit codes and HTTP statuses) in one place each. */
export type ErrorCode =
  | 'access-denied'
  | 'not-found'
  | 'rate-limited'
  | 'server-error'
  | 'unreachable'
  | 'timeout'
  | 'bad-response'
  | 'invalid-input'
  | 'conflict'
  | 'store-unusable'
  | 'internal';

/** An expected failure with a stable code and the context needed to act on it. Never holds secrets. */
export class FleetcheckError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FleetcheckError';
  }
}

export function isFleetcheckError(err: unknown, code?: ErrorCode): err is FleetcheckError {
  return err instanceof FleetcheckError && (code === undefined || err.code === code);
}

/** The cluster's API server cannot be talked to at all: unreachable, not answering in time, or refusing the credentials (401). */
export function isClusterDown(err: unknown): boolean {
  if (!isFleetcheckError(err)) return false;
  if (err.code === 'unreachable' || err.code === 'timeout') return true;
  return err.code === 'access-denied' && err.context['status'] === 401;
}
