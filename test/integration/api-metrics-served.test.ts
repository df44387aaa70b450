import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureCluster } from '../../bench/history-fixtures.ts';
import type { History } from '../../core/history/history.ts';
import { createApp } from '../../server/app.ts';
import { cachedStore } from '../../server/cached-store.ts';
import { collectMetrics } from '../../server/metrics/collect.ts';
import { openHistory } from '../../server/open-history.ts';
import { openServedStore } from '../../server/served-store.ts';
import { finishFixtureSweep } from '../fixtures/finish-fixture-sweep.ts';

const INTERVAL_MS = 15 * 60_000;
const t0 = Date.parse('2026-11-17T08:00:00Z');
const clusters: FixtureCluster[] = [
  { name: 'alpha', peers: ['beta'], clusterId: 1 },
  { name: 'beta', peers: ['alpha'], clusterId: 2 },
  { name: 'gamma', clusterId: 3 },
];

let dir: string;
let served: History;
let plain: History;
let clock: number;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fc-metrics-served-'));
  const file = join(dir, 'h.db');
  served = cachedStore(await openServedStore(file, { intervalMs: INTERVAL_MS, writable: true }));
  plain = await openHistory(file, { intervalMs: INTERVAL_MS });
  clock = t0 + 6 * 60_000;
  app = createApp({ store: served, now: () => new Date(clock) });
});
afterAll(async () => {
  await served?.close();
  await plain?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function scrape(): Promise<string> {
  const res = await app.request('/metrics');
  expect(res.status).toBe(200);
  return res.text();
}
const direct = async () =>
  (await collectMetrics(plain, await plain.fleet({ now: new Date(clock) }))).metrics();

describe("/metrics over serve's store (read pool + cachedStore)", () => {
  it('shows every sweep stored through it, as rendering straight from the database does', async () => {
    await finishFixtureSweep(served, 's1', t0, clusters, { beta: { 'node.health.reachability': 'fail' } });
    const first = await scrape();
    expect(first).toContain(
      'fleetcheck_check_status{cluster="beta",check="node.health.reachability",status="fail"} 1',
    );
    expect(first).toContain('fleetcheck_cluster_status{cluster="gamma",status="pass"} 1');
    expect(first).toBe(await direct());
    expect(await scrape()).toBe(first);

    clock += 30_000;
    await finishFixtureSweep(served, 's2', t0 + 5 * 60_000, clusters, { gamma: { unreachable: true } });
    const second = await scrape();
    expect(second).toContain(
      'fleetcheck_check_status{cluster="beta",check="node.health.reachability",status="fail"} 0',
    );
    expect(second).toContain('fleetcheck_cluster_status{cluster="gamma",status="error"} 1');
    expect(second).toBe(await direct());
  });
});
