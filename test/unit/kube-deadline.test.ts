import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { deadline } from '../../core/kube/call-runner.ts';
import { linkedController } from '../../core/time/linked-controller.ts';

describe('per-call deadline', () => {
  it('aborts with a TimeoutError when the time is up', async () => {
    const dl = deadline(20);
    await new Promise((r) => dl.signal.addEventListener('abort', r));
    expect((dl.signal.reason as Error).name).toBe('TimeoutError');
  });

  it("follows the caller's signal with the caller's reason", () => {
    const caller = new AbortController();
    const dl = deadline(60_000, caller.signal);
    caller.abort(new Error('interrupted'));
    expect(dl.signal.aborted).toBe(true);
    expect((dl.signal.reason as Error).message).toBe('interrupted');
    dl.done();
  });

  it('starts aborted when the caller already is', () => {
    const caller = new AbortController();
    caller.abort(new Error('too late'));
    expect(deadline(60_000, caller.signal).signal.aborted).toBe(true);
  });

  it('once done, neither the caller nor the timer abort it', async () => {
    const caller = new AbortController();
    const dl = deadline(10, caller.signal);
    dl.done();
    caller.abort();
    await new Promise((r) => setTimeout(r, 30));
    expect(dl.signal.aborted).toBe(false);
  });
});

describe('linked controller', () => {
  it("follows the caller's abort until unlinked, and leaves no listener on the caller", () => {
    const caller = new AbortController();
    const kept = linkedController(caller.signal);
    const unlinked = Array.from({ length: 99 }, () => linkedController(caller.signal));
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(100);
    for (const l of unlinked) l.unlink();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    caller.abort(new Error('cluster deadline'));
    expect((kept.controller.signal.reason as Error).message).toBe('cluster deadline');
    expect(unlinked.some((l) => l.controller.signal.aborted)).toBe(false);
  });
});
