import { FleetcheckError } from '../errors.ts';
import { linkedController } from '../time/linked-controller.ts';
import { after, sleep } from '../time/timers.ts';
import { type CallDesc, HttpStatusError, isAbort, mapKubeError, retryDelayMs } from './kube-errors.ts';
import type { KubeLimits } from './limits.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { RestSlots } from './rest-slots.ts';

/** Counters of one cluster client (for tests and load accounting). */
export interface CallStats {
  requests: number;
  retries: number;
  execSessions: number;
}

/** A per-call deadline linked to the caller's signal; `done()` releases its timer and the link. */
export interface Deadline {
  signal: AbortSignal;
  done(): void;
}

/**
 * The per-call deadline combined with the caller's signal ({@link linkedController}). The controller is held by
 * its own timer: an AbortSignal.timeout is held only weakly, so it may never fire under load.
 */
export function deadline(ms: number, caller?: AbortSignal): Deadline {
  const { controller, unlink } = linkedController(caller);
  const timer = after(
    ms,
    () => controller.abort(new DOMException(`deadline of ${ms} ms exceeded`, 'TimeoutError')),
    { unref: true },
  );
  return {
    signal: controller.signal,
    done() {
      timer.cancel();
      unlink();
    },
  };
}

const abortError = () => Object.assign(new Error('aborted'), { name: 'AbortError' });

/**
 * Runs API calls of one cluster with a deadline, the client rate limit, bounded retries and error mapping. At most
 * `restConnections` calls run at once (so as many kept-alive connections); a call waits for its slot before its
 * deadline starts, urgent calls first. The wait is bounded by the caller's signal (the cluster's deadline).
 */
export class CallRunner {
  readonly stats: CallStats = { requests: 0, retries: 0, execSessions: 0 };
  private readonly slots: RestSlots;

  constructor(
    readonly cluster: string,
    readonly limits: KubeLimits,
    readonly limiter: RateLimiter,
  ) {
    this.slots = new RestSlots(limits.restConnections);
  }

  /**
   * Calls `fn` until it succeeds, retrying 429 (honouring Retry-After) and, when `idempotent`, 5xx.
   * @example await runner.run({ verb: 'list', resource: 'nodes' }, (signal) => get('/api/v1/nodes', signal))
   */
  async run<T>(
    desc: Omit<CallDesc, 'cluster'>,
    fn: (signal: AbortSignal) => Promise<T>,
    opts: { signal?: AbortSignal; urgent?: boolean } = {},
    idempotent = true,
  ): Promise<T> {
    const d: CallDesc = { cluster: this.cluster, ...desc };
    const release = await this.slots.acquire(opts.signal, opts.urgent).catch(() => {
      throw mapKubeError(abortError(), d, this.limits.apiDeadlineMs);
    });
    const started = performance.now();
    const dl = deadline(this.limits.apiDeadlineMs, opts.signal);
    try {
      return await this.attempts(d, fn, dl.signal, started, idempotent);
    } finally {
      dl.done();
      release();
    }
  }

  private async attempts<T>(
    d: CallDesc,
    fn: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
    started: number,
    idempotent: boolean,
  ): Promise<T> {
    const { apiDeadlineMs } = this.limits;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.limiter.acquire(signal);
        this.stats.requests++;
        return await fn(signal);
      } catch (err) {
        if (signal.aborted && (isAbort(err) || err instanceof FleetcheckError))
          throw mapKubeError(abortError(), d, apiDeadlineMs);
        const status = err instanceof HttpStatusError ? err.code : undefined;
        const mapped = mapKubeError(err, d, apiDeadlineMs);
        const reset = mapped.context.code === 'ECONNRESET' && attempt === 0;
        const retryable =
          status === 429 || (idempotent && ((status !== undefined && status >= 500) || reset));
        // Throttling is transient by definition: retry it longer (client-go allows 10), still within the deadline.
        const maxRetries = status === 429 ? this.limits.rateLimitRetries : this.limits.retries;
        if (!retryable || attempt >= maxRetries) throw mapped;
        const headers = err instanceof HttpStatusError ? err.headers : {};
        const wait = retryDelayMs(attempt, headers['retry-after'], this.limits.maxRetryAfterMs);
        if (performance.now() - started + wait >= apiDeadlineMs) throw mapped;
        this.stats.retries++;
        try {
          await sleep(wait, signal);
        } catch {
          throw mapped;
        }
      }
    }
  }
}
