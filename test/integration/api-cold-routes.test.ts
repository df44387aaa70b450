import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Baseline } from '../../core/analysis/baseline.ts';
import type { FleetView, RunSummary } from '../../core/analysis/types.ts';
import type { History } from '../../core/history/history.ts';
import { createApp } from '../../server/app.ts';
import { openHistory } from '../../server/open-history.ts';
import { withReadPool } from '../../server/read-pool/read-pool.ts';
import { randomHistory } from '../fixtures/random-history.ts';
import { oracleRegressions } from '../fixtures/regressions-oracle.ts';

const step = 15 * 60_000;
const t0 = Date.parse('2026-10-01T00:00:00Z');
const sweepAt = (s: number) => new Date(t0 + s * step);
const SWEEPS = 24;
const now = sweepAt(SWEEPS);

let dir: string;
let plain: History;
let pooled: History;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fc-cold-api-'));
  const file = join(dir, 'h.db');
  plain = await openHistory(file, { intervalMs: step });
  pooled = await withReadPool(await openHistory(file, { intervalMs: step }), file, {
    readers: 2,
    intervalMs: step,
  });
  const history = randomHistory(11);
  for (let s = 0; s < SWEEPS; s++) {
    const startedAt = sweepAt(s).toISOString();
    await plain.saveSweep({
      sweep: { id: `s${s}`, startedAt, finishedAt: startedAt, status: 'pass' },
      clusters: history.sweep(s),
      meshPairs: [],
    });
  }
  app = createApp({ store: pooled, now: () => now });
});
afterAll(async () => {
  await pooled?.close();
  await plain?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get<T>(path: string): Promise<T> {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

describe('cold API routes over the latest-state table (read pool, no cache)', () => {
  const cases: [string, { baseline: Baseline; since?: Date; cluster?: string; layer?: 'node' }][] = [
    ['', { baseline: 'previous' }],
    [`?baseline=${sweepAt(SWEEPS - 8).toISOString()}`, { baseline: { at: sweepAt(SWEEPS - 8) } }],
    ['?baseline=s15', { baseline: { sweepId: 's15' } }],
    [`?since=${sweepAt(SWEEPS - 3).toISOString()}`, { baseline: 'previous', since: sweepAt(SWEEPS - 3) }],
    ['?baseline=s10&layer=node', { baseline: { sweepId: 's10' }, layer: 'node' }],
    ['?baseline=s12&cluster=k01', { baseline: { sweepId: 's12' }, cluster: 'k01' }],
  ];
  it.each(cases)('GET /api/v1/regressions%s answers as whole-run diffs do', async (query, q) => {
    const body = await get<unknown>(`/api/v1/regressions${query}`);
    expect(body).toEqual(JSON.parse(JSON.stringify(await oracleRegressions(plain, q))));
  });

  it('the regressions seen over the history are not all empty', async () => {
    const body = await get<{ regressions: unknown[]; recoveries: unknown[] }>(
      `/api/v1/regressions?baseline=${sweepAt(SWEEPS - 8).toISOString()}`,
    );
    expect(body.regressions.length).toBeGreaterThan(3);
    expect(body.recoveries.length).toBeGreaterThan(3);
  });

  it('GET /api/v1/fleet lists each cluster with its newest run; a cluster that left the fleet is stale', async () => {
    const fleet = await get<FleetView>('/api/v1/fleet');
    expect(fleet.lastSweep?.id).toBe(`s${SWEEPS - 1}`);
    for (const c of fleet.clusters) {
      const newest = (await plain.clusterHistory(c.name, { limit: 1 }))?.items[0];
      expect([c.sweepId, c.status, c.lastCheckedAt], c.name).toEqual([
        newest?.sweepId,
        newest?.status,
        newest?.at,
      ]);
    }
    // k04 left after sweep 15 (see randomHistory): still listed, flagged stale rather than shown healthy.
    const gone = fleet.clusters.find((c) => c.name === 'k04');
    expect(gone?.stale).toBe(true);
    expect(fleet.clusters.filter((c) => !c.stale).every((c) => c.sweepId === `s${SWEEPS - 1}`)).toBe(true);
    expect(fleet.counts.stale).toBe(fleet.clusters.filter((c) => c.stale).length);
  });

  it('GET /api/v1/trends answers from the pool (rollups) as the store does, with failures in them', async () => {
    const from = sweepAt(0).toISOString();
    const to = now.toISOString();
    const trends = await get<{ series: { points: { value: number | null }[] }[] }>(
      `/api/v1/trends?metric=failures&bucket=hour&from=${from}&to=${to}`,
    );
    const q = { metric: 'failures' as const, bucket: 'hour' as const, from: sweepAt(0), to: now };
    expect(trends.series).toEqual(JSON.parse(JSON.stringify(await plain.trends(q))));
    expect(trends.series[0]?.points.some((p) => (p.value ?? 0) > 0)).toBe(true);
  });
  it('GET /api/v1/trends (fleet, hourly) equals the sums of the stored runs in each hour', async () => {
    const runs: (RunSummary & { cluster: string })[] = [];
    for (const c of (await plain.fleet({ now })).clusters)
      for (const r of (await plain.clusterHistory(c.name, { limit: 1000 }))?.items ?? [])
        runs.push({ ...r, cluster: c.name });
    const hour = (iso: string) => Math.floor(Date.parse(iso) / 3_600_000) * 3_600_000;
    const range = `from=${sweepAt(0).toISOString()}&to=${now.toISOString()}`;
    for (const metric of ['failures', 'clusters_failing'] as const) {
      const body = await get<{ series: { key: string; points: { t: string; value: number | null }[] }[] }>(
        `/api/v1/trends?metric=${metric}&bucket=hour&${range}`,
      );
      expect(body.series.map((s) => s.key)).toEqual(['fleet']);
      for (const p of body.series[0]?.points ?? []) {
        const inHour = runs.filter((r) => hour(r.at) === Date.parse(p.t));
        const want =
          metric === 'failures'
            ? inHour.reduce((n, r) => n + r.counts.fail, 0)
            : new Set(inHour.filter((r) => r.status === 'fail').map((r) => r.cluster)).size;
        expect(p.value, `${metric} ${p.t}`).toBe(inHour.length === 0 ? null : want);
      }
    }
  });
});
