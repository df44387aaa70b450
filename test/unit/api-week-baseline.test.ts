import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { fakeStore } from './api-fake-store.ts';

describe('API week and baseline parsing', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const app = createApp({ store: fakeStore().store, now: () => now });
  const error = async (res: Response) => ((await res.json()) as { error: { message: string } }).error;

  it('answers 400 for a week of a year outside 1970–9999 (0050 is not 1950)', async () => {
    for (const week of ['0050-W10', '1950-W10']) {
      const res = await app.request(`/api/v1/reports/weekly?week=${week}`);
      expect(res.status, week).toBe(400);
      expect((await error(res)).message).toContain(`no such ISO week: ${week}`);
    }
    expect((await app.request('/api/v1/reports/weekly?week=2026-W10')).status).toBe(200);
  });

  it('answers 400 for a baseline time after now', async () => {
    const res = await app.request('/api/v1/regressions?baseline=2026-11-26T00:00:00Z');
    expect(res.status).toBe(400);
    expect((await error(res)).message).toMatch(/in the future/);
    expect((await app.request('/api/v1/regressions?baseline=2026-11-24T00:00:00Z')).status).toBe(200);
  });
});
