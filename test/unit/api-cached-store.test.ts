import { describe, expect, it } from 'vitest';
import type { SweepReport } from '../../core/sweep/report.ts';
import { cachedStore } from '../../server/cached-store.ts';
import { fakeStore } from './api-fake-store.ts';

const report: SweepReport = {
  sweep: {
    id: 'sw_3',
    startedAt: '2026-11-25T13:00:00Z',
    finishedAt: '2026-11-25T13:00:01Z',
    status: 'pass',
  },
  clusters: [],
  meshPairs: [],
};
const count = (calls: { method: string }[], m: string) => calls.filter((c) => c.method === m).length;

describe('cachedStore', () => {
  it('answers identical concurrent reads with one store query', async () => {
    const { store, calls } = fakeStore();
    const cached = cachedStore(store);
    const q = { metric: 'failures' as const, bucket: 'hour' as const, from: new Date(0), to: new Date(1000) };
    const answers = await Promise.all(Array.from({ length: 16 }, () => cached.trends(q)));
    expect(count(calls, 'trends')).toBe(1);
    expect(new Set(answers).size).toBe(1);
    await cached.trends({ ...q, metric: 'errors' });
    expect(count(calls, 'trends')).toBe(2);
  });

  it('forgets every answer when a sweep is stored through it', async () => {
    const { store, calls } = fakeStore();
    const cached = cachedStore(store);
    await cached.fleet({ now: new Date() });
    await cached.fleet({ now: new Date() });
    expect(count(calls, 'fleet')).toBe(1);
    await cached.saveSweep(report);
    await cached.fleet({ now: new Date() });
    expect(count(calls, 'fleet')).toBe(2);
  });

  it('expires answers after the TTL and never caches a failure', async () => {
    const { store, calls } = fakeStore();
    const cached = cachedStore(store, { ttlMs: 1 });
    await cached.meshPairs();
    await new Promise((r) => setTimeout(r, 5));
    await cached.meshPairs();
    expect(count(calls, 'meshPairs')).toBe(2);
    let fail = true;
    store.sweeps = async () => {
      if (fail) throw new Error('busy');
      return { items: [] };
    };
    const slow = cachedStore(store, { ttlMs: 60_000 });
    await expect(slow.sweeps({})).rejects.toThrow('busy');
    fail = false;
    await expect(slow.sweeps({})).resolves.toEqual({ items: [] });
  });

  it('holds at most maxEntries answers, dropping the oldest first', async () => {
    const { store, calls } = fakeStore();
    const cached = cachedStore(store, { ttlMs: 60_000, maxEntries: 3 });
    for (const limit of [1, 2, 3, 4, 5]) await cached.clusters({ limit });
    expect(count(calls, 'clusters')).toBe(5);
    for (const limit of [3, 4, 5]) await cached.clusters({ limit });
    expect(count(calls, 'clusters')).toBe(5);
    await cached.clusters({ limit: 1 });
    expect(count(calls, 'clusters')).toBe(6);
    await cached.clusters({ limit: 5 });
    expect(count(calls, 'clusters')).toBe(6);
  });

  it('forget() drops every answer (a sweep stored through another connection)', async () => {
    const { store, calls } = fakeStore();
    const cached = cachedStore(store);
    const now = new Date('2026-11-25T12:00:01Z');
    await cached.fleet({ now });
    await cached.fleet({ now });
    expect(count(calls, 'fleet')).toBe(1);
    cached.forget();
    await cached.fleet({ now });
    expect(count(calls, 'fleet')).toBe(2);
  });
});
