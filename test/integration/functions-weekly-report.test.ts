import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClusterReport } from '../../core/sweep/report.ts';
import { handler } from '../../functions/cron/weekly-report.ts';
import { closeLambdaStore, lambdaStore } from '../../functions/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-weekly-'));
const scheduled = JSON.parse(
  readFileSync(new URL('../fixtures/events/eventbridge-scheduled.json', import.meta.url), 'utf8'),
) as { time: string };

const run = (name: string): ClusterReport => ({
  name,
  status: 'pass',
  durationMs: 900,
  results: [{ check: 'component.agent.rollout', subject: 'cluster', status: 'pass', message: '3/3 ready' }],
});

async function sweepAt(id: string, at: string, clusters: string[]) {
  const store = await lambdaStore();
  await store.createSweep({ id, startedAt: at, clusters });
  for (const c of clusters) await store.saveClusterRun(id, run(c));
  await store.finishSweep(id, at);
}

beforeAll(async () => {
  vi.stubEnv('FLEETCHECK_DB', join(dir, 'fleetcheck.db'));
  // Week 47 of 2026 is Mon 16 – Sun 22 November; the fixture fires Monday 23 November 06:00 UTC.
  await sweepAt('sw_20261117T100000Z_0001', '2026-11-17T10:00:00.000Z', ['a', 'b']);
  await sweepAt('sw_20261122T230000Z_0002', '2026-11-22T23:00:00.000Z', ['a', 'b', 'c']);
  await sweepAt('sw_20261123T055500Z_0003', '2026-11-23T05:55:00.000Z', ['a']);
});

afterAll(async () => {
  await closeLambdaStore();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('functions/cron/weekly-report', () => {
  it('reports the ISO week that ended before the scheduled Monday run', async () => {
    expect(scheduled.time).toBe('2026-11-23T06:00:00Z');
    const summary = await handler(scheduled);
    expect(summary.week).toBe('2026-W47');
    expect(summary.sweeps).toBe(2);
    expect(summary.clusters).toBe(3);
    const stored = await (await lambdaStore()).storedReport('2026-W47');
    expect(stored).toMatchObject({ week: '2026-W47', sweeps: 2, clusters: 3 });
    expect(stored?.generatedAt).toBe(new Date(scheduled.time).toISOString());
  });

  it('rejects an event that is not a scheduled event', async () => {
    await expect(handler({ Records: [] })).rejects.toThrow();
  });
});
