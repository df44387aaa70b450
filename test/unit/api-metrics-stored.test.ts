import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { History } from '../../core/history/history.ts';
import { createApp } from '../../server/app.ts';
import { collectMetrics } from '../../server/metrics/collect.ts';
import { openHistory } from '../../server/open-history.ts';
import { finishFixtureSweep } from '../fixtures/finish-fixture-sweep.ts';

/** Short enough that a cluster turns stale (2 × interval) before a kept rendering would expire anyway. */
const INTERVAL_MS = 20_000;
const t0 = Date.parse('2026-11-25T10:00:00Z');
const clusters = [
  { name: 'alpha', peers: ['beta'], clusterId: 1 },
  { name: 'beta', peers: ['alpha'], clusterId: 2 },
];

describe('/metrics over a stored history', () => {
  let dir: string;
  let store: History;
  let clusterReads: number;
  let clock: number;
  let app: ReturnType<typeof createApp>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fc-metrics-stored-'));
    store = await openHistory(join(dir, 'h.db'), { intervalMs: INTERVAL_MS });
    clusterReads = 0;
    const counted: History = {
      ...store,
      cluster: (name) => {
        clusterReads += 1;
        return store.cluster(name);
      },
    };
    clock = t0 + 5_000;
    app = createApp({ store: counted, now: () => new Date(clock) });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function scrape(): Promise<string> {
    const res = await app.request('/metrics');
    expect(res.status).toBe(200);
    return res.text();
  }
  async function fresh(): Promise<string> {
    return (await collectMetrics(store, await store.fleet({ now: new Date(clock) }))).metrics();
  }

  it('shows each newly stored sweep, exactly as rendering from the store would', async () => {
    await finishFixtureSweep(store, 'sw_1', t0, clusters, { beta: { 'component.agent.status': 'fail' } });
    const first = await scrape();
    expect(first).toContain(
      'fleetcheck_check_status{cluster="beta",check="component.agent.status",status="fail"} 1',
    );
    expect(first).toContain('fleetcheck_cluster_status{cluster="alpha",status="pass"} 1');
    expect(first).toContain('fleetcheck_mesh_pair_ready{a="alpha",b="beta"} 1');
    expect(first).toContain('fleetcheck_last_sweep_duration_seconds 30');
    expect(first).toBe(await fresh());

    await finishFixtureSweep(store, 'sw_2', t0 + 30_000, clusters, { alpha: { 'peer:beta': true } });
    clock = t0 + 35_000;
    const second = await scrape();
    expect(second).toContain(
      'fleetcheck_check_status{cluster="beta",check="component.agent.status",status="fail"} 0',
    );
    expect(second).toContain('fleetcheck_mesh_pair_ready{a="alpha",b="beta"} 0');
    expect(second).toBe(await fresh());
  });

  it('flags clusters stale once 2 × the interval has passed, with nothing new stored', async () => {
    await finishFixtureSweep(store, 'sw_1', t0, clusters);
    expect(await scrape()).toContain('fleetcheck_stale_clusters 0');
    clock = t0 + 2 * INTERVAL_MS + 5_000;
    const later = await scrape();
    expect(later).toContain('fleetcheck_stale_clusters 2');
    expect(later).toContain('fleetcheck_cluster_stale{cluster="alpha"} 1');
    expect(later).toBe(await fresh());
  });

  it('renders an unchanged stored state once, however many scrapes ask', async () => {
    await finishFixtureSweep(store, 'sw_1', t0, clusters);
    const answers = await Promise.all(Array.from({ length: 8 }, () => scrape()));
    expect(clusterReads).toBe(clusters.length);
    clock += 20_000;
    expect(await scrape()).toBe(answers[0]);
    expect(clusterReads).toBe(clusters.length);
    expect(new Set(answers).size).toBe(1);
  });
});
