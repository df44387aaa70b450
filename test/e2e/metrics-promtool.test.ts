import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../server/demo/run-demo.ts';

const promtool = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find((p) => existsSync(p));
if (!promtool) console.warn('promtool check skipped: promtool is not installed (Debian package prometheus)');

describe('/metrics from a real store filled by simulated sweeps', () => {
  let dir: string;
  let demo: Awaited<ReturnType<typeof runDemo>>;
  let text: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetcheck-metrics-'));
    demo = await runDemo({
      port: 0,
      host: '127.0.0.1',
      db: join(dir, 'm.db'),
      backfillSteps: 3,
      intervalMs: 3_600_000,
      live: false,
      log: () => {},
    });
    await demo.backfillDone;
    text = await (await fetch(`${demo.url}/metrics`)).text();
  });

  afterAll(async () => {
    await demo?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('has every metric family, one cluster-status series per cluster and status', async () => {
    const fleet = (await (await fetch(`${demo.url}/api/v1/fleet`)).json()) as {
      clusters: { name: string; status: string }[];
    };
    for (const c of fleet.clusters) {
      expect(text).toContain(`fleetcheck_cluster_status{cluster="${c.name}",status="${c.status}"} 1`);
    }
    for (const family of [
      'fleetcheck_check_status',
      'fleetcheck_health_rtt_p95_seconds',
      'fleetcheck_mesh_pair_ready',
      'fleetcheck_stale_clusters',
      'fleetcheck_last_sweep_duration_seconds',
    ]) {
      expect(text).toMatch(new RegExp(`^${family}[{ ]`, 'm'));
    }
  });

  it.skipIf(!promtool)('passes promtool check metrics', () => {
    const result = spawnSync(promtool ?? 'promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });
});
