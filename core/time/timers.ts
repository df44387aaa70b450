/** Node keeps timer delays in a signed 32-bit int: a longer delay fires after 1 ms (TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A pending timer of `after` / `every`. */
export interface Timer {
  cancel(): void;
}

export interface TimerOptions {
  /** Do not keep the process alive for this timer alone. */
  unref?: boolean;
}

/**
 * Calls `fn` once after `ms`, any length: delays over 2^31-1 ms are chained in steps that Node can hold.
 * Every timer of fleetcheck goes through here (or `every` / `sleep`).
 * @example const t = after(30 * 86_400_000, sweep); t.cancel();
 */
export function after(ms: number, fn: () => void, opts: TimerOptions = {}): Timer {
  let handle: NodeJS.Timeout | undefined;
  let cancelled = false;
  let left = Math.max(0, ms);
  const arm = () => {
    const step = Math.min(left, MAX_TIMER_MS);
    handle = setTimeout(() => {
      left -= step;
      if (cancelled) return;
      if (left > 0) arm();
      else fn();
    }, step);
    if (opts.unref) handle.unref();
  };
  arm();
  return {
    cancel() {
      cancelled = true;
      if (handle) clearTimeout(handle);
    },
  };
}

/**
 * Calls `fn` every `ms` (any length) until cancelled; each period starts when the previous one fires.
 * @example const t = every(300_000, tick); t.cancel();
 */
export function every(ms: number, fn: () => void, opts: TimerOptions = {}): Timer {
  let current: Timer | undefined;
  let cancelled = false;
  const schedule = () => {
    current = after(
      ms,
      () => {
        if (cancelled) return;
        schedule();
        fn();
      },
      opts,
    );
  };
  schedule();
  return {
    cancel() {
      cancelled = true;
      current?.cancel();
    },
  };
}

/**
 * Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts.
 * @example await sleep(200, signal);
 */
export function sleep(ms: number, signal?: AbortSignal, opts: TimerOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      timer.cancel();
      reject(signal?.reason);
    };
    const timer = after(
      ms,
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      opts,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
