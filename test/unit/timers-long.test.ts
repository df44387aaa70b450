import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as timers from '../../core/time/timers.ts';

const DAY = 86_400_000;

describe('timers longer than Node can hold (2^31-1 ms)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('after() fires once, at the due time, not after 1 ms', () => {
    const fn = vi.fn();
    timers.after(30 * DAY, fn);
    vi.advanceTimersByTime(3000);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(timers.MAX_TIMER_MS);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30 * DAY - timers.MAX_TIMER_MS - 3001);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * DAY);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('a cancelled long timer never fires; sleep rejects when its signal aborts', async () => {
    const fn = vi.fn();
    timers.after(40 * DAY, fn).cancel();
    vi.advanceTimersByTime(50 * DAY);
    expect(fn).not.toHaveBeenCalled();
    const abort = new AbortController();
    const slept = timers.sleep(40 * DAY, abort.signal);
    abort.abort(new Error('stop'));
    await expect(slept).rejects.toThrow('stop');
  });

  it('every() repeats every 30 days, not every few milliseconds, until cancelled', () => {
    const tick = vi.fn();
    const timer = timers.every(30 * DAY, tick);
    vi.advanceTimersByTime(10_000);
    expect(tick).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30 * DAY - 10_000);
    expect(tick).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(30 * DAY);
    expect(tick).toHaveBeenCalledTimes(2);
    timer.cancel();
    vi.advanceTimersByTime(60 * DAY);
    expect(tick).toHaveBeenCalledTimes(2);
  });
});
