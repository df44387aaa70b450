/** Per-cluster client limits: deadlines, output cap, client-side rate limit and retries. */
export interface KubeLimits {
  /** Deadline of one API call, retries included (ms). */
  apiDeadlineMs: number;
  /** Default deadline of one exec session (ms); `ExecOptions.deadlineMs` wins. */
  execDeadlineMs: number;
  /** Default output cap per exec stream (bytes). */
  maxOutputBytes: number;
  /** Client-side token bucket: sustained requests per second... */
  requestsPerSecond: number;
  /** ...and the burst it allows. */
  burst: number;
  /**
   * Retries after a 5xx answer (a reset connection is retried once), with jittered backoff from 100-200 ms up to
   * 1-2 s: five ride out a few seconds of an API server's restart or etcd leader change, within the call's deadline.
   */
  retries: number;
  /** Retries after a 429 (throttling is transient; client-go allows 10), still bounded by the deadline. */
  rateLimitRetries: number;
  /** Longest `Retry-After` honoured (ms); longer waits are capped. */
  maxRetryAfterMs: number;
  /** Items per page of a list (`limit`; kubectl's default chunk size is 500). */
  listPageSize: number;
  /** REST requests of one cluster in flight at once, so at most as many kept-alive connections (exec sessions apart). */
  restConnections: number;
}

export const defaultKubeLimits: KubeLimits = {
  apiDeadlineMs: 10_000,
  execDeadlineMs: 15_000,
  maxOutputBytes: 1024 * 1024,
  requestsPerSecond: 20,
  burst: 40,
  retries: 5,
  rateLimitRetries: 10,
  maxRetryAfterMs: 5_000,
  listPageSize: 500,
  restConnections: 2,
};

/** Fills the unset limits with the defaults. */
export function resolveKubeLimits(limits: Partial<KubeLimits> = {}): KubeLimits {
  const out = { ...defaultKubeLimits };
  for (const [k, v] of Object.entries(limits) as [keyof KubeLimits, number | undefined][]) {
    if (v !== undefined) out[k] = v;
  }
  return out;
}
