import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureSweep } from '../../bench/history-fixtures.ts';
import type { WeeklyReport } from '../../core/analysis/mesh-types.ts';
import type { History } from '../../core/history/history.ts';
import { createApp } from '../../server/app.ts';
import { cachedStore } from '../../server/cached-store.ts';
import { openHistory } from '../../server/open-history.ts';
import { startScheduler } from '../../server/scheduler.ts';
import { createSweeper } from '../../server/sweeper.ts';
import { fakeStore } from './api-fake-store.ts';

const clusters = [
  { name: 'alpha', peers: ['beta'], clusterId: 1 },
  { name: 'beta', peers: ['alpha'], clusterId: 2 },
];

describe('stored weekly reports', () => {
  let dir: string;
  let store: History;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fc-weekly-stored-'));
    store = await openHistory(join(dir, 'h.db'), { intervalMs: 15 * 60_000 });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the scheduler's Monday 06:00 UTC job stores last week's report", async () => {
    // Week 47 of 2026 is Mon 16 – Sun 22 November.
    await store.saveSweep(fixtureSweep('w47', new Date('2026-11-18T10:00:00Z'), clusters));
    expect(await store.storedReport('2026-W47')).toBeNull();
    const lines: string[] = [];
    const sweeper = createSweeper({
      run: async () => {
        throw new Error('no sweeps in this test');
      },
    });
    vi.useFakeTimers({ now: new Date('2026-11-23T05:59:00Z') });
    const stop = startScheduler({
      sweeper,
      store,
      intervalMs: 24 * 3_600_000,
      immediate: false,
      log: (l) => lines.push(l),
    });
    try {
      await vi.advanceTimersByTimeAsync(30_000);
      expect(await store.storedReport('2026-W47')).toBeNull();
      await vi.advanceTimersByTimeAsync(60_000);
      await vi.waitFor(() =>
        expect(lines.some((l) => l.startsWith('weekly report 2026-W47 stored'))).toBe(true),
      );
    } finally {
      stop();
    }
    const stored = await store.storedReport('2026-W47');
    expect(stored).toMatchObject({ week: '2026-W47', sweeps: 1, clusters: 2 });
    expect(Date.parse(stored?.generatedAt ?? '')).toBeGreaterThanOrEqual(Date.parse('2026-11-23T06:00:00Z'));
  });

  it('GET /reports/weekly answers a past week with the stored report, other weeks computed', async () => {
    await store.saveSweep(fixtureSweep('w47', new Date('2026-11-18T10:00:00Z'), clusters));
    const monday = new Date('2026-11-23T06:00:00Z');
    const built = await store.weeklyReport('2026-W47', { now: monday });
    await store.saveReport('2026-W47', built);
    await store.saveReport('2026-W47', built); // replaces, never duplicates
    await expect(store.saveReport('2026-W46', built)).rejects.toMatchObject({ code: 'invalid-input' });
    const later = new Date('2026-11-25T12:00:00Z');
    // a cached store must not keep answering a report from before the save
    const app = createApp({ store: cachedStore(store), now: () => later });
    const get = async (q: string) =>
      (await (await app.request(`/api/v1/reports/weekly${q}`)).json()) as WeeklyReport;
    expect(await get('?week=2026-W47')).toEqual(built);
    const current = await get('');
    expect(current.week).toBe('2026-W48');
    expect(current.generatedAt).toBe(later.toISOString());
    const unstored = await get('?week=2026-W46');
    expect(unstored.generatedAt).toBe(later.toISOString());
    const md = await (await app.request('/api/v1/reports/weekly?week=2026-W47&format=md')).text();
    expect(md).toContain('2026-W47');
  });

  it('the route asks the store for a stored report only for weeks that have ended', async () => {
    const fake = fakeStore(3);
    const now = new Date('2026-11-25T12:30:00Z');
    const app = createApp({ store: fake.store, now: () => now });
    await app.request('/api/v1/reports/weekly?week=2026-W48');
    expect(fake.calls.map((c) => c.method)).toEqual(['weeklyReport']);
    fake.calls.length = 0;
    const report = await fake.store.weeklyReport('2026-W40');
    await fake.store.saveReport('2026-W40', { ...report, sweeps: 99 });
    fake.calls.length = 0;
    const res = (await (await app.request('/api/v1/reports/weekly?week=2026-W40')).json()) as WeeklyReport;
    expect(res.sweeps).toBe(99);
    expect(fake.calls.map((c) => c.method)).toEqual(['storedReport']);
  });
});
