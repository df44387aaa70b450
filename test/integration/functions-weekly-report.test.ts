import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { finishStoredSweep } from '../../core/history/finish.ts';
import type { ClusterReport } from '../../core/sweep/report.ts';
import { createWeeklyReportHandler } from '../../functions/cron/weekly-report.ts';
import { closeLambdaStore, lambdaStore } from '../../functions/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-weekly-'));
/** Monday 23 November 2026, 06:00 UTC: when the `cron(0 6 ? * MON *)` schedule fires. */
const FIRES_AT = '2026-11-23T06:00:00.000Z';
const handler = createWeeklyReportHandler(lambdaStore, () => new Date(FIRES_AT));
/** What an sst.aws.Cron target receives: its fixed input `JSON.stringify(event || {})` (SST 4.17.1 cron.ts). */
const SST_CRON_INPUT = {};

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
  await finishStoredSweep(store, id, new Date(at));
}

beforeAll(async () => {
  vi.stubEnv('FLEETCHECK_DB', join(dir, 'fleetcheck.db'));
  // As deployed: the Migrator runs once (infra/migrations.ts) before any other function opens the store.
  await (await import('../../functions/migrate/index.ts')).handler();
  // Week 47 of 2026 is Mon 16 – Sun 22 November; the schedule fires Monday 23 November 06:00 UTC.
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
  it('reports the ISO week that ended before the scheduled Monday run, given the `{}` SST sends', async () => {
    const summary = await handler(SST_CRON_INPUT);
    expect(summary.week).toBe('2026-W47');
    expect(summary.sweeps).toBe(2);
    expect(summary.clusters).toBe(3);
    const stored = await (await lambdaStore()).storedReport('2026-W47');
    expect(stored).toMatchObject({ week: '2026-W47', sweeps: 2, clusters: 3 });
    expect(stored?.generatedAt).toBe(FIRES_AT);
  });

  it('rejects an input that is not the Cron input `{}`', async () => {
    await expect(handler({ Records: [] })).rejects.toThrow();
  });
});
