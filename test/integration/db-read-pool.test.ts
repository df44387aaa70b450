import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureCluster, fixtureSweep } from '../../bench/history-fixtures.ts';
import { isFleetcheckError } from '../../core/errors.ts';
import type { History } from '../../core/history/history.ts';
import { createApp } from '../../server/app.ts';
import { openHistory } from '../../server/open-history.ts';
import { withReadPool } from '../../server/read-pool/read-pool.ts';

const clusters: FixtureCluster[] = [
  { name: 'alpha', peers: ['beta'], clusterId: 1 },
  { name: 'beta', peers: ['alpha'], clusterId: 2 },
  { name: 'gamma', clusterId: 3 },
];
const t0 = Date.parse('2026-11-17T08:00:00Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000);
const now = at(40);

let dir: string;
let plain: History;
let pooled: History;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fc-pool-'));
  const file = join(dir, 'h.db');
  plain = await openHistory(file, { intervalMs: 15 * 60_000 });
  pooled = await withReadPool(await openHistory(file, { intervalMs: 15 * 60_000 }), file, {
    readers: 2,
    intervalMs: 15 * 60_000,
  });
  await pooled.saveSweep(fixtureSweep('s1', at(0), clusters));
  await pooled.saveSweep(
    fixtureSweep('s2', at(15), clusters, { beta: { 'node.health.reachability': 'fail' } }),
  );
});
afterAll(async () => {
  await pooled?.close();
  await plain?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('read pool (reads in worker threads over the same SQLite file)', () => {
  it('sees writes made through the main connection and answers like the store itself', async () => {
    expect(await pooled.fleet({ now })).toEqual(await plain.fleet({ now }));
    const regs = await pooled.regressions({ baseline: 'previous' });
    expect(regs).toEqual(await plain.regressions({ baseline: 'previous' }));
    expect(regs.regressions.map((r) => [r.cluster, r.check, r.to])).toEqual([
      ['beta', 'node.health.reachability', 'fail'],
    ]);
    expect(await pooled.meshPairs()).toEqual(await plain.meshPairs());
  });

  it('serves trends right after a write (rollup refresh falls back to the writer)', async () => {
    await pooled.saveSweep(fixtureSweep('s3', at(30), clusters, { gamma: { unreachable: true } }));
    const q = { metric: 'failures' as const, bucket: 'hour' as const, from: at(-60), to: at(120) };
    const trends = await pooled.trends(q);
    expect(trends).toEqual(await plain.trends(q));
    expect(JSON.stringify(trends)).toContain('fleet');
  });

  it('passes typed errors back from the workers', async () => {
    const err = await pooled.regressions({ baseline: { sweepId: 'no-such-sweep' } }).catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'not-found')).toBe(true);
  });

  it('serves the HTTP API', async () => {
    const app = createApp({ store: pooled, now: () => now });
    const res = await app.request('/api/v1/regressions?baseline=previous');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { current: { sweepId: string } };
    expect(body.current.sweepId).toBe('s3');
  });
});
