import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../core/outcome.ts';
import type { ClusterReport } from '../../core/sweep/report.ts';
import { QUARTER_HOUR_MS, quarterHour, saveSweepAt } from '../fixtures/quarter-hours.ts';
import { oracleRegressions } from '../fixtures/regressions-oracle.ts';
import { storeDrivers, tempHistoryPerTest } from '../fixtures/store-drivers.ts';

const step = QUARTER_HOUR_MS;
const at = quarterHour;

/** A run whose every result has `status`, with the given health RTT p95 and endpoints not ready. */
function run(name: string, status: ClusterReport['status'], rtt: number, notReady: number): ClusterReport {
  const results: Outcome[] = [
    { check: 'component.agent.status', subject: 'cluster', status, message: `agent ${status}` },
    {
      check: 'node.health.latency',
      subject: 'cluster',
      status,
      message: `latency ${status}`,
      metrics: { rttP50Ms: rtt / 2, rttP95Ms: rtt, rttMaxMs: rtt * 2 },
    },
    {
      check: 'node.endpoints.state',
      subject: 'cluster',
      status,
      message: `endpoints ${status}`,
      metrics: { ready: 30, notReady },
    },
  ];
  return { name, status, durationMs: 100, results };
}

const save = saveSweepAt;

describe.each(storeDrivers)('regressions of clusters without findings on %s', (_driver, urlOf) => {
  const temp = tempHistoryPerTest('fc-quiet-', urlOf, step);

  it('a metric jump is a regression even when every check passes on both sides', async () => {
    const { store } = temp();
    for (let s = 0; s < 4; s++)
      await save(store, `s${s}`, at(s), [
        run('calm', 'pass', 1, 0),
        run('rtt', 'pass', 1, 0),
        run('ep', 'pass', 1, 0),
      ]);
    await save(store, 's4', at(4), [
      run('calm', 'pass', 1.5, 1),
      run('rtt', 'pass', 25, 0),
      run('ep', 'pass', 1, 9),
    ]);
    for (const q of [{ baseline: 'previous' as const }, { baseline: { at: new Date(at(2)) } }]) {
      const got = await store.regressions(q);
      expect(got.regressions).toEqual([]);
      expect(got.metricRegressions.map((m) => [m.cluster, m.metric, m.baselineMedian, m.current])).toEqual([
        ['ep', 'endpoints_not_ready', 0, 9],
        ['rtt', 'health_rtt_p95_ms', 1, 25],
      ]);
      expect(got).toEqual(await oracleRegressions(store, q));
    }
  });

  it("two sweeps started at the same instant: the baseline side is the other sweep's run, not the current one's", async () => {
    const { store } = temp();
    await save(store, 'a-first', at(0), [run('k', 'pass', 1, 0), run('j', 'fail', 1, 0)]);
    await save(store, 'b-second', at(0), [run('k', 'fail', 1, 0), run('j', 'pass', 1, 0)]);
    const got = await store.regressions({ baseline: { at: new Date(at(0)) } });
    expect(got.current?.sweepId).toBe('b-second');
    expect(got.baseline?.sweepId).toBe('a-first');
    expect(got.regressions.map((r) => [r.cluster, r.check, r.from, r.to])).toEqual([
      ['k', 'component.agent.status', 'pass', 'fail'],
      ['k', 'node.endpoints.state', 'pass', 'fail'],
      ['k', 'node.health.latency', 'pass', 'fail'],
    ]);
    expect(got.recoveries.map((r) => [r.cluster, r.check, r.from, r.to])).toEqual([
      ['j', 'component.agent.status', 'fail', 'pass'],
      ['j', 'node.endpoints.state', 'fail', 'pass'],
      ['j', 'node.health.latency', 'fail', 'pass'],
    ]);
  });
});
