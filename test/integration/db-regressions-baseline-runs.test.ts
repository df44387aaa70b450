import { describe, expect, it } from 'vitest';
import type { ClusterReport } from '../../core/sweep/report.ts';
import { QUARTER_HOUR_MS, quarterHour, saveSweepAt } from '../fixtures/quarter-hours.ts';
import { oracleRegressions } from '../fixtures/regressions-oracle.ts';
import { storeDrivers, tempHistoryPerTest } from '../fixtures/store-drivers.ts';

const step = QUARTER_HOUR_MS;
const at = quarterHour;

function run(name: string, status: 'pass' | 'fail'): ClusterReport {
  const result = { check: 'component.agent.status', subject: 'cluster', status, message: `agent ${status}` };
  return { name, status, durationMs: 100, results: [result] };
}

const save = saveSweepAt;

const moves = (r: { regressions: { cluster: string; from: string; to: string }[] }) =>
  r.regressions.map((x) => [x.cluster, x.from, x.to]);

describe.each(storeDrivers)('the baseline run of each cluster on %s', (_driver, urlOf) => {
  const temp = tempHistoryPerTest('fc-base-runs-', urlOf, step);

  it('is its newest run stored at the baseline instant, else its newest one before it', async () => {
    const { store } = temp();
    await save(store, 's0', at(0), [run('x', 'fail'), run('y', 'pass'), run('z', 'pass')]);
    await save(store, 's1', at(1), [run('x', 'pass'), run('y', 'fail')]);
    await save(store, 's1b', at(1), [run('y', 'pass')]);
    await save(store, 's2', at(2), [run('x', 'fail'), run('y', 'fail'), run('z', 'fail')]);
    for (const q of [{ baseline: 'previous' as const }, { baseline: { at: new Date(at(1)) } }]) {
      const got = await store.regressions(q);
      expect(got.baseline?.sweepId).toBe('s1b');
      // x from s1 (stored at the baseline instant), y from s1b (the later of two there), z from s0 (none there).
      expect(moves(got)).toEqual([
        ['x', 'pass', 'fail'],
        ['y', 'pass', 'fail'],
        ['z', 'pass', 'fail'],
      ]);
      expect(got).toEqual(await oracleRegressions(store, q));
    }
    const fromS0 = await store.regressions({ baseline: { sweepId: 's0' } });
    expect(moves(fromS0)).toEqual([
      ['y', 'pass', 'fail'],
      ['z', 'pass', 'fail'],
    ]);
    expect(fromS0).toEqual(await oracleRegressions(store, { baseline: { sweepId: 's0' } }));
  });
});
