import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sweepReportSchema } from '../../core/sweep/report.ts';

/** Runs the CLI asynchronously (a blocking spawn would starve the vitest worker's RPC). */
function fleetcheck(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/fleetcheck.mjs', ...args],
      {
        encoding: 'utf8',
        timeout: 110_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1' },
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('fleetcheck sweep --simulate sim/scenarios/demo.yaml', () => {
  it('prints the issue-4 JSON and exits 1 because the demo fleet has failures', async () => {
    const { code, stdout, stderr } = await fleetcheck(
      'sweep',
      '--simulate',
      'sim/scenarios/demo.yaml',
      '--output',
      'json',
      '--no-store',
    );
    const report = sweepReportSchema.parse(JSON.parse(stdout));
    expect(stderr).toContain('SIMULATED');
    expect(report.sweep.id).toMatch(/^sw_\d{8}T\d{6}Z_[0-9a-f]{4}$/);
    expect(report.clusters).toHaveLength(12);
    for (const c of report.clusters) {
      expect(c.results.length, c.name).toBeGreaterThan(0);
      for (const r of c.results)
        if (r.status !== 'pass' && r.status !== 'skip') expect(r.hint, `${c.name} ${r.check}`).toBeTruthy();
    }
    const failing = report.clusters.filter((c) => c.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    expect(report.sweep.status).toBe('fail');
    expect(code).toBe(1);
    const pairs = report.meshPairs.map((p) => `${p.a}/${p.b}`).sort();
    expect(pairs).toEqual([
      'prod-apse1/prod-euw1',
      'prod-apse1/prod-use1',
      'prod-euw1/prod-use1',
      'stage-euw1/stage-use1',
    ]);
    for (const p of report.meshPairs) expect(typeof p.aSeesB).toBe('boolean');
  });

  it('prints a table within 120 columns with hints, mesh pairs and a summary', async () => {
    const { code, stdout } = await fleetcheck(
      'sweep',
      '--simulate',
      'sim/scenarios/demo.yaml',
      '--no-store',
      '--layers',
      'component,config,mesh,version',
    );
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(120);
    expect(lines[0]).toMatch(
      /^CLUSTER\s+STATUS\s+COMPONENT\s+NODE\s+BUSINESS\s+CONFIG\s+MESH\s+VERSION\s+TIME\s+CILIUM$/,
    );
    expect(stdout).toMatch(/^legacy-use1\s+fail\s/m);
    expect(stdout).toMatch(/^\s+fail config\.kernel\.version/m);
    expect(stdout).toMatch(/^\s+hint: /m);
    expect(stdout).toContain('MESH PAIRS');
    expect(stdout).toMatch(/^ {2}pass prod-euw1 <-> prod-use1: /m);
    expect(lines.at(-1)).toMatch(
      /^12 clusters: \d+ pass, \d+ warn, \d+ fail, \d+ error · 4 mesh pairs: .* \(sweep sw_/,
    );
  });

  it('exits 2 with a clear message on a bad flag value', async () => {
    const { code, stderr, stdout } = await fleetcheck('sweep', '--output', 'xml', '--no-store');
    expect(code).toBe(2);
    expect(stderr).toContain('--output expects table or json');
    expect(stdout).toBe('');
  });

  it('check <cluster> shows pass results with evidence for one cluster; exit 0 when healthy', async () => {
    const { code, stdout } = await fleetcheck(
      'check',
      'healthy',
      '--simulate',
      'sim/scenarios/healthy.yaml',
      '--no-store',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^cluster healthy .*Cilium 1\.16\.5/m);
    expect(stdout).toMatch(/^\s+pass component\.agent\.rollout/m);
    expect(stdout).toMatch(/^\s+evidence: /m);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^1 cluster: 1 pass, 0 warn, 0 fail, 0 error/);
  });
});
