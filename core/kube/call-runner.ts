import type { Agent } from 'node:http';
import {
  ApiException,
  type ConfigurationOptions,
  Observable,
  type ObservableMiddleware,
} from '@kubernetes/client-node';
import { FleetcheckError } from '../errors.ts';
import { after, sleep } from '../time/timers.ts';
import { type CallDesc, isAbort, mapKubeError, retryDelayMs } from './kube-errors.ts';
import type { KubeLimits } from './limits.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** Counters of one cluster client (for tests and load accounting). */
export interface CallStats {
  requests: number;
  retries: number;
  execSessions: number;
}

/** Per-call client-node options (object API, Observable middleware) attaching `signal` and a shared agent. */
export function signalOptions(signal: AbortSignal, agent?: Agent): ConfigurationOptions {
  const mw: ObservableMiddleware = {
    pre: (ctx) => {
      ctx.setSignal(signal);
      if (agent) ctx.setAgent(agent);
      return new Observable(Promise.resolve(ctx));
    },
    post: (res) => new Observable(Promise.resolve(res)),
  };
  return { middleware: [mw], middlewareMergeStrategy: 'append' };
}

/**
 * Combines the per-call deadline with the caller's signal. The deadline's controller is held by its own timer
 * rather than being an AbortSignal.timeout (which Node holds only weakly), so it fires even under load.
 */
export function deadlineSignal(ms: number, caller?: AbortSignal): AbortSignal {
  const deadline = new AbortController();
  after(ms, () => deadline.abort(new DOMException(`deadline of ${ms} ms exceeded`, 'TimeoutError')), {
    unref: true,
  });
  return caller ? AbortSignal.any([deadline.signal, caller]) : deadline.signal;
}

/** Runs API calls of one cluster with a deadline, the client rate limit, bounded retries and error mapping. */
export class CallRunner {
  readonly stats: CallStats = { requests: 0, retries: 0, execSessions: 0 };

  constructor(
    readonly cluster: string,
    readonly limits: KubeLimits,
    readonly limiter: RateLimiter,
    readonly agent?: Agent,
  ) {}

  /**
   * Calls `fn` until it succeeds, retrying 429 (honouring Retry-After) and, when `idempotent`, 5xx.
   * @example await runner.run({ verb: 'list', resource: 'nodes' }, (o) => core.listNode({}, o))
   */
  async run<T>(
    desc: Omit<CallDesc, 'cluster'>,
    fn: (options: ConfigurationOptions, signal: AbortSignal) => Promise<T>,
    callerSignal?: AbortSignal,
    idempotent = true,
  ): Promise<T> {
    const d: CallDesc = { cluster: this.cluster, ...desc };
    const { apiDeadlineMs } = this.limits;
    const started = performance.now();
    const signal = deadlineSignal(apiDeadlineMs, callerSignal);
    const options = signalOptions(signal, this.agent);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.limiter.acquire(signal);
        this.stats.requests++;
        return await fn(options, signal);
      } catch (err) {
        if (signal.aborted && (isAbort(err) || err instanceof FleetcheckError))
          throw mapKubeError(Object.assign(new Error('aborted'), { name: 'AbortError' }), d, apiDeadlineMs);
        const status = err instanceof ApiException ? err.code : undefined;
        const mapped = mapKubeError(err, d, apiDeadlineMs);
        const reset = mapped.context.code === 'ECONNRESET' && attempt === 0;
        const retryable =
          status === 429 || (idempotent && ((status !== undefined && status >= 500) || reset));
        // Throttling is transient by definition: retry it longer (client-go allows 10), still within the deadline.
        const maxRetries = status === 429 ? this.limits.rateLimitRetries : this.limits.retries;
        if (!retryable || attempt >= maxRetries) throw mapped;
        const headers = (err as ApiException<unknown>).headers ?? {};
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
