import { FleetcheckError } from '../errors.ts';
import { after } from '../time/timers.ts';

/**
 * A token bucket (sustained `ratePerSecond`, up to `burst` at once). Waiting callers are served
 * in order of arrival; an aborted wait gives its token back.
 * @example const rl = new RateLimiter(20, 40); await rl.acquire(signal);
 */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Reserves one token and resolves when it may be used. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (this.ratePerSecond <= 0) return Promise.resolve();
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    this.tokens -= 1;
    if (this.tokens >= 0) return Promise.resolve();
    const waitMs = (-this.tokens / this.ratePerSecond) * 1000;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        timer.cancel();
        this.tokens += 1;
        reject(new FleetcheckError('timeout', 'deadline reached while waiting for the client rate limit'));
      };
      const timer = after(waitMs, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
