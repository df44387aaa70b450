import { describe, expect, it } from 'vitest';
import { flapping } from '../../core/analysis/flapping.ts';
import { isoWeekOf, isoWeekRange } from '../../core/analysis/iso-week.ts';
import { diffRuns, metricRegression, type RunForDiff } from '../../core/analysis/regressions.ts';
import { endpointsNotReady, healthRttP95, layerStatuses, median } from '../../core/analysis/run-facts.ts';
import { isStale } from '../../core/analysis/stale.ts';
import { type BucketSums, trendSeries } from '../../core/analysis/trends.ts';
import { weeklyHtml, weeklyMarkdown } from '../../core/analysis/weekly-render.ts';
import type { Outcome, Status } from '../../core/outcome.ts';

const run = (cluster: string, results: [string, string, Status][], error?: string): RunForDiff => ({
  cluster,
  status: 'pass',
  results: results.map(([check, subject, status]) => ({
    check,
    subject,
    status,
    message: `${check} ${status}`,
    hint: 'h',
  })),
  ...(error ? { error: { code: 'unreachable', message: error } } : {}),
});

describe('diffRuns', () => {
  it('lists worse statuses, new failing subjects and recoveries; skips never count', () => {
    const base = run('a', [
      ['node.health.reachability', 'n1', 'pass'],
      ['node.health.reachability', 'n2', 'fail'],
      ['component.hubble.ready', 'cluster', 'warn'],
      ['business.dns.resolve', 'cluster', 'pass'],
    ]);
    const cur = run('a', [
      ['node.health.reachability', 'n1', 'error'],
      ['node.health.reachability', 'n2', 'pass'],
      ['node.health.reachability', 'n3', 'fail'],
      ['component.hubble.ready', 'cluster', 'fail'],
      ['business.dns.resolve', 'cluster', 'skip'],
    ]);
    const d = diffRuns(new Map([['a', base]]), [cur]);
    expect(d.regressions.map((r) => [r.check, r.subject, r.from, r.to])).toEqual([
      ['component.hubble.ready', 'cluster', 'warn', 'fail'],
      ['node.health.reachability', 'n1', 'pass', 'error'],
      ['node.health.reachability', 'n3', 'absent', 'fail'],
    ]);
    expect(d.recoveries.map((r) => [r.subject, r.from, r.to])).toEqual([['n2', 'fail', 'pass']]);
    expect(diffRuns(new Map([['a', base]]), [cur], { layer: 'component' }).regressions).toHaveLength(1);
  });

  it('a cluster that became unreachable is one regression, and its return a recovery', () => {
    const ok = run('a', [['component.agent.status', 'cluster', 'pass']]);
    const down = run('a', [], 'connect refused');
    expect(diffRuns(new Map([['a', ok]]), [down]).regressions.map((r) => [r.check, r.to])).toEqual([
      ['cluster', 'error'],
    ]);
    expect(diffRuns(new Map([['a', down]]), [ok]).recoveries.map((r) => [r.check, r.from])).toEqual([
      ['cluster', 'error'],
    ]);
  });

  it('metric regressions need both the ratio and the delta over the median', () => {
    expect(metricRegression('a', 'health_rtt_p95_ms', [1, 1, 1.2], 1.6)).toBeUndefined();
    expect(metricRegression('a', 'health_rtt_p95_ms', [1, 1, 1.2], 4)?.baselineMedian).toBe(1);
    expect(metricRegression('a', 'endpoints_not_ready', [], 40)).toBeUndefined();
  });
});

describe('flapping, stale, facts', () => {
  it('counts status changes per key and keeps those at or above the threshold', () => {
    const ch = (at: number, from: Status, to: Status, subject = 's') => ({
      cluster: 'a',
      check: 'c',
      subject,
      at,
      from,
      to,
    });
    const flaps = flapping([ch(1, 'pass', 'fail'), ch(2, 'fail', 'pass'), ch(5, 'pass', 'warn', 'x')]);
    expect(flaps).toHaveLength(0);
    const three = flapping([ch(1, 'pass', 'fail'), ch(2, 'fail', 'pass'), ch(3, 'pass', 'fail')]);
    expect(three[0]).toMatchObject({
      changes: 3,
      statuses: ['pass', 'fail', 'pass', 'fail'],
      lastStatus: 'fail',
    });
  });

  it('does not count skip: only changes between two non-skip statuses count', () => {
    const ch = (at: number, from: Status, to: Status, subject = 's') => ({
      cluster: 'a',
      check: 'business.job',
      subject,
      at,
      from,
      to,
    });
    // pass → skip → pass, over and over: the business Job runs every Nth quick sweep, that is not flapping
    const alternating = [1, 2, 3, 4, 5, 6].map((i) =>
      i % 2 ? ch(i, 'pass', 'skip') : ch(i, 'skip', 'pass'),
    );
    expect(flapping(alternating, 1)).toEqual([]);
    // pass → skip → fail is one change, dated at the fail
    const once = flapping([ch(1, 'pass', 'skip'), ch(2, 'skip', 'fail')], 1);
    expect(once).toHaveLength(1);
    expect(once[0]).toMatchObject({ changes: 1, statuses: ['pass', 'fail'], lastStatus: 'fail' });
    expect(once[0]?.lastChangeAt).toBe(new Date(2).toISOString());
    // pass → fail → pass is two; skips in between change nothing; a trailing skip is not the last status
    const seq: [Status, Status][] = [
      ['pass', 'skip'],
      ['skip', 'fail'],
      ['fail', 'skip'],
      ['skip', 'pass'],
      ['pass', 'skip'],
    ];
    const two = flapping(
      seq.map(([f, t], i) => ch(i + 1, f, t)),
      1,
    );
    expect(two[0]).toMatchObject({ changes: 2, statuses: ['pass', 'fail', 'pass'], lastStatus: 'pass' });
    expect(
      flapping(
        seq.map(([f, t], i) => ch(i + 1, f, t)),
        3,
      ),
    ).toEqual([]);
    // a window that starts on skip: the first non-skip status is the baseline
    const lead = flapping([ch(1, 'skip', 'pass'), ch(2, 'pass', 'fail'), ch(3, 'fail', 'skip')], 1);
    expect(lead[0]).toMatchObject({ changes: 1, statuses: ['pass', 'fail'] });
  });

  it('stale = not checked within two intervals (observed interval wins when longer)', () => {
    expect(isStale(0, 10 * 60_000, 5 * 60_000)).toBe(false);
    expect(isStale(0, 11 * 60_000, 5 * 60_000)).toBe(true);
    const hourly = [0, 3_600_000, 7_200_000];
    expect(isStale(7_200_000, 7_200_000 + 90 * 60_000, 5 * 60_000, hourly)).toBe(false);
  });

  it('reads RTT p95, endpoint counts and layer statuses from results', () => {
    const results: Outcome[] = [
      {
        check: 'node.health.latency',
        subject: 'cluster',
        status: 'warn' as Status,
        message: '',
        metrics: { rttP95Ms: 7 },
      },
      {
        check: 'node.endpoints.state',
        subject: 'cluster',
        status: 'pass' as Status,
        message: '',
        metrics: { ready: 9, waitingForIdentity: 2, regenerating: 1 },
      },
      { check: 'mesh.peer.connected', subject: 'b', status: 'skip' as Status, message: '' },
    ];
    expect(healthRttP95({ results })).toBe(7);
    expect(endpointsNotReady({ results })).toBe(3);
    expect(layerStatuses(results)).toEqual({ node: 'warn' });
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});

describe('iso weeks, trends and the weekly rendering', () => {
  it('maps ISO weeks to Monday-based UTC ranges and back', () => {
    const w = isoWeekRange('2026-W47');
    expect(new Date(w.from).toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(w.to - w.from).toBe(7 * 86_400_000);
    expect(isoWeekOf(Date.parse('2021-01-03T12:00:00Z'))).toBe('2020-W53');
    expect(isoWeekOf(w.from + 3 * 86_400_000)).toBe('2026-W47');
    expect(() => isoWeekRange('2026-47')).toThrow(/2026-W47/);
  });

  it('builds one point per bucket with nulls where no data', () => {
    const row = (bucket: number, pass: number, fail: number, clustersFailing: number): BucketSums => ({
      key: 'fleet',
      bucket,
      runs: 1,
      pass,
      warn: 0,
      fail,
      error: 0,
      clustersFailing,
      rttSum: 2,
      rttN: 1,
      epMeanSum: 0,
      epClusters: 1,
    });
    const H = 3_600_000;
    const rows = [row(0, 7, 1, 1), row(2 * H, 4, 0, 0)];
    const [s] = trendSeries(rows, { metric: 'pass_rate', bucket: 'hour', from: 0, to: 3 * H });
    expect(s?.points.map((p) => p.value)).toEqual([7 / 8, null, 1]);
    const [f] = trendSeries(rows, { metric: 'clusters_failing', bucket: 'hour', from: 0, to: 3 * H });
    expect(f?.points.map((p) => p.value)).toEqual([1, null, 0]);
  });

  it('renders markdown and self-contained html', () => {
    const r = {
      week: '2026-W47',
      from: 'f',
      to: 't',
      generatedAt: 'g',
      sweeps: 1,
      clusters: 1,
      fleetScore: 0.5,
      previousScore: 1,
      scoreChange: -0.5,
      openRegressions: [
        {
          cluster: 'a<b>',
          check: 'c',
          subject: 's',
          from: 'pass' as const,
          to: 'fail' as const,
          message: 'm|x',
        },
      ],
      recoveries: [],
      flapping: [],
      worstClusters: [],
      degradedMeshPairs: [],
      layers: [],
    };
    expect(weeklyMarkdown(r)).toContain('-50.0 pts');
    expect(weeklyMarkdown(r)).toContain('m\\|x');
    const html = weeklyHtml(r);
    expect(html).toContain('a&lt;b&gt;');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
  });
});
