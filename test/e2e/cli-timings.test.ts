import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepReportSchema } from '../../core/sweep/report.ts';
import { loadScenario } from '../../sim/index.ts';
import { resolveClusters } from '../../sim/scenario/load.ts';
import { runFile } from '../fixtures/run-file.ts';

const BIN = resolve('bin/fleetcheck.mjs');
const check = (...flags: string[]) =>
  runFile(
    process.execPath,
    [BIN, 'check', 'healthy', '--simulate', 'sim/scenarios/healthy.yaml', '--no-store', ...flags],
    { ...process.env, NO_COLOR: '1' },
    110_000,
  );

describe('fleetcheck check: where the time went', () => {
  it('--output json carries the run spans (connect first) and each result its check duration', async () => {
    const run = await check('--output', 'json');
    expect(run.code).toBe(0);
    const cluster = sweepReportSchema.parse(JSON.parse(run.stdout)).clusters[0];
    const spans = cluster?.timings?.spans ?? [];
    expect(spans[0]).toMatchObject({ kind: 'connect', startMs: 0 });
    expect(new Set(spans.map((s) => s.kind))).toEqual(new Set(['connect', 'api', 'exec', 'job', 'check']));
    const job = spans.find((s) => s.kind === 'job');
    const firstRead = spans.find((s) => s.name === 'list nodes');
    expect(job && firstRead && job.startMs <= firstRead.startMs + firstRead.durationMs).toBe(true);
    for (const s of spans)
      expect(s.startMs + s.durationMs).toBeLessThanOrEqual((cluster?.durationMs ?? 0) + 1);
    for (const r of cluster?.results ?? []) expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('--timings prints the timeline after the detail, naming what the run waited on last', async () => {
    const run = await check('--timings');
    expect(run.code).toBe(0);
    const at = run.stdout.indexOf('Timings of healthy:');
    expect(at).toBeGreaterThan(0);
    const timings = run.stdout.slice(at);
    expect(timings).toMatch(/the run ended waiting on \w+ "[^"]+"/);
    for (const what of [
      'connect',
      'business probe Job',
      'list nodes',
      'agent status × ',
      'business.dns.resolve',
    ])
      expect(timings).toContain(what);
  });

  it('sweep --timings prints one row per cluster', async () => {
    const scenario = 'sim/scenarios/demo.yaml';
    const run = await runFile(
      process.execPath,
      [BIN, 'sweep', '--simulate', scenario, '--no-store', '--timings'],
      { ...process.env, NO_COLOR: '1' },
      110_000,
    );
    const names = resolveClusters(await loadScenario(scenario)).map((c) => c.name);
    expect(names.length).toBeGreaterThan(1);
    const table = run.stdout.slice(run.stdout.indexOf('Timings (each phase'));
    expect(table).toMatch(/^CLUSTER +TOTAL +CONNECT +API READS +EXEC ROUNDS +PROBE JOB +ENDED ON$/m);
    for (const name of names) expect(table).toMatch(new RegExp(`^${name} +\\d`, 'm'));
  });
});
