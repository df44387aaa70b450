import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { fakeStore } from './api-fake-store.ts';

const promtool = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find((p) => existsSync(p));

async function scrape() {
  const app = createApp({ store: fakeStore().store });
  const res = await app.request('/metrics');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

describe('/metrics', () => {
  it('exposes cluster, check, RTT, mesh, stale and sweep metrics from the store', async () => {
    const text = await scrape();
    expect(text).toContain('fleetcheck_cluster_status{cluster="bad-1",status="fail"} 1');
    expect(text).toContain('fleetcheck_cluster_status{cluster="bad-1",status="pass"} 0');
    expect(text).toContain(
      'fleetcheck_check_status{cluster="bad-1",check="component.agent.status",status="fail"} 1',
    );
    expect(text).toContain('fleetcheck_health_rtt_p95_seconds{cluster="ok-1"} 0.0015');
    expect(text).toContain('fleetcheck_mesh_pair_ready{a="bad-1",b="ok-1"} 0');
    expect(text).toContain('fleetcheck_stale_clusters 0');
    expect(text).toMatch(/^fleetcheck_last_sweep_duration_seconds \d/m);
  });

  it.skipIf(!promtool)('passes `promtool check metrics` (skipped: promtool not installed)', async () => {
    const text = await scrape();
    const result = spawnSync(promtool ?? 'promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });
});
