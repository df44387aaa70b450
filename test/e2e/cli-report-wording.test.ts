import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSweep } from '../../bench/history-fixtures.ts';
import { isoWeekOf } from '../../core/analysis/iso-week.ts';
import { openHistory } from '../../server/open-history.ts';
import { cli } from './fleetcheck-cli.ts';

describe('report and regressions input and wording (CLI)', () => {
  let dir: string;
  let db: string;
  let empty: string;
  const now = new Date();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fc-wording-'));
    db = join(dir, 'one.db');
    empty = join(dir, 'empty.db');
    const store = await openHistory(db);
    const earlier = new Date(now.getTime() - 20 * 60_000);
    await store.saveSweep(
      fixtureSweep('sw-1', earlier, [{ name: 'solo' }], { solo: { 'node.endpoints.state': 'fail' } }),
    );
    await store.saveSweep(fixtureSweep('sw-2', new Date(now.getTime() - 10 * 60_000), [{ name: 'solo' }]));
    await store.close();
    await (await openHistory(empty)).close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a week of a year outside 1970–9999 instead of reading 0050 as 1950', async () => {
    for (const week of ['0050-W10', '1950-W10', '0000-W01']) {
      const r = await cli(['report', 'weekly', '--db', empty, '--week', week]);
      expect(r.code, week).toBe(2);
      expect(r.err).toMatch(new RegExp(`no such ISO week: ${week}`));
      expect(r.out).toBe('');
    }
    expect((await cli(['report', 'weekly', '--db', empty, '--week', '2026-W10'])).code).toBe(0);
  });

  it('refuses a baseline time in the future', async () => {
    const future = new Date(now.getTime() + 86_400_000).toISOString();
    const r = await cli(['regressions', '--db', db, '--baseline', future]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--baseline .* is in the future/);
    const past = await cli([
      'regressions',
      '--db',
      db,
      '--baseline',
      '2020-01-01T00:00:00Z',
      '--output',
      'json',
    ]);
    expect(past.code).toBe(0);
  });

  it('says "1 cluster", "1 recovery" and reads well with no score or no previous week', async () => {
    const week = isoWeekOf(now);
    const md = await cli(['report', 'weekly', '--db', db, '--week', week, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/ · 2 sweeps · 1 cluster\n/);
    expect(md.out).toMatch(/Fleet score \d+\.\d% \(no sweeps the week before to compare with\)\./);
    expect(md.out).not.toMatch(/n\/a/);
    const html = await cli(['report', 'weekly', '--db', db, '--week', week, '--format', 'html']);
    expect(html.out).toMatch(/ · 2 sweeps · 1 cluster</);
    expect(html.out).not.toMatch(/n\/a|1 clusters/);
    const none = await cli(['report', 'weekly', '--db', empty, '--week', '2026-W10', '--format', 'md']);
    expect(none.out).toContain('0 sweeps · 0 clusters');
    expect(none.out).toContain('No fleet score: no sweeps were stored this week or the week before.');
    expect(none.out).not.toMatch(/n\/a/);
  });
});
