import { describe, expect, it } from 'vitest';
import { exitCodeForSweep } from '../../cli/output/exit-code.ts';
import { layerVerdicts } from '../../cli/output/layers.ts';
import { progressReporter } from '../../cli/output/progress.ts';
import { styles, wrap } from '../../cli/output/style.ts';
import { renderSweepTable } from '../../cli/output/table.ts';
import { parseSweepFlags } from '../../cli/sweep-options.ts';
import type { ClusterReport, MeshPairReport, SweepReport } from '../../core/sweep/report.ts';
import { result } from './sweep-fakes.ts';

const long = 'a very long message '.repeat(12).trim();

function report(clusters: Partial<ClusterReport>[], pairs: MeshPairReport[] = []): SweepReport {
  return {
    sweep: {
      id: 'sw_20261125T120000Z_abcd',
      startedAt: '2026-11-25T12:00:00.000Z',
      finishedAt: '2026-11-25T12:00:04.200Z',
      status: 'fail',
    },
    clusters: clusters.map((c, i) => ({ name: `c${i}`, status: 'pass', durationMs: 812, results: [], ...c })),
    meshPairs: pairs,
  };
}

describe('sweep table', () => {
  const r = report(
    [
      {
        name: 'prod-use1-with-a-rather-long-cluster-name',
        status: 'fail',
        ciliumVersion: '1.16.5',
        results: [
          { ...result('node.health.reachability', 'fail', 'node-3'), message: long, hint: long },
          result('component.agent.status', 'pass', 'node-1'),
          result('node.endpoints.state', 'skip'),
        ],
      },
      { status: 'error', error: { code: 'unreachable', message: 'connect ECONNREFUSED' } },
    ],
    [{ a: 'c0', b: 'c1', status: 'fail', aSeesB: true, bSeesA: false, message: 'c1 cannot see c0' }],
  );
  const out = renderSweepTable(r, { styles: styles(false) });
  const lines = out.trimEnd().split('\n');

  it('fits 120 columns and wraps messages and hints under the cluster', () => {
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(120);
    expect(out).toMatch(/^ {4}fail node\.health\.reachability \[node-3\]: a very long/m);
    expect(out).toMatch(/^ {10}hint: a very long/m);
    expect(out).not.toContain('component.agent.status');
    expect(out).not.toContain('node.endpoints.state');
  });

  it('shows per-layer verdicts, unreachable clusters, pairs with direction and a summary', () => {
    expect(lines[1]).toMatch(/^prod-use1-with-a-rather-… +fail +pass +fail +- +- +- +- +812ms +1\.16\.5$/);
    expect(out).toMatch(/^ {4}error could not evaluate: unreachable: connect ECONNREFUSED/m);
    expect(out).toMatch(/^ {2}fail c0 --> c1: c1 cannot see c0$/m);
    expect(lines.at(-1)).toBe(
      '2 clusters: 0 pass, 0 warn, 1 fail, 1 error · 1 mesh pair: 1 fail · 4.2s (sweep sw_20261125T120000Z_abcd)',
    );
  });

  it('lists results worst first with detail: fail, error, warn, pass, then skip', () => {
    const statuses = ['skip', 'pass', 'warn', 'fail', 'error'] as const;
    const detailed = renderSweepTable(
      report([{ status: 'fail', results: statuses.map((s) => result(`node.x.${s}`, s)) }]),
      { styles: styles(false), detail: true },
    );
    const listed = [...detailed.matchAll(/^ {4}(\w+) +node\.x\./gm)].map((m) => m[1]);
    expect(listed).toEqual(['fail', 'error', 'warn', 'pass', 'skip']);
  });

  it('colours only when asked', () => {
    expect(out).not.toContain('\x1b[');
    expect(renderSweepTable(r, { styles: styles(true) })).toContain('\x1b[');
  });
});

describe('helpers', () => {
  it('folds results into layer verdicts', () => {
    const v = layerVerdicts([
      result('node.a', 'warn'),
      result('node.b', 'pass'),
      result('mesh.x', 'skip'),
      result('config.y', 'error'),
    ]);
    expect(v).toEqual({ node: 'warn', mesh: 'skip', config: 'error' });
  });

  it('wraps keeping the first line indentation', () => {
    expect(wrap('    one two three four', 14, '      ')).toEqual([
      '    one two',
      '      three',
      '      four',
    ]);
  });

  it('maps sweeps to exit codes: fail 1, error 2, warn 0', () => {
    expect(exitCodeForSweep(report([{ status: 'warn' }, { status: 'pass' }]))).toBe(0);
    expect(exitCodeForSweep(report([{ status: 'warn' }, { status: 'error' }]))).toBe(2);
    expect(exitCodeForSweep(report([{ status: 'fail' }, { status: 'error' }]))).toBe(1);
    const pairOnly = report(
      [{ status: 'pass' }],
      [{ a: 'a', b: 'b', status: 'error', aSeesB: false, bSeesA: false, message: '' }],
    );
    expect(exitCodeForSweep(pairOnly)).toBe(2);
  });

  it('writes progress lines only with --verbose off a TTY', () => {
    const written: string[] = [];
    const stream = {
      write: (s: string) => written.push(s),
      isTTY: false,
    } as unknown as NodeJS.WritableStream;
    const p = {
      done: 1,
      total: 2,
      failing: 0,
      erroring: 1,
      cluster: { name: 'x', status: 'error', durationMs: 5, results: [] },
    } as const;
    progressReporter({ stream, verbose: false }).update({ ...p, cluster: { ...p.cluster, results: [] } });
    expect(written).toEqual([]);
    progressReporter({ stream, verbose: true }).update({ ...p, cluster: { ...p.cluster, results: [] } });
    expect(written[0]).toBe('[1/2] x: error in 5ms (1 bad so far)\n');
    const tty = { write: (s: string) => written.push(s), isTTY: true } as unknown as NodeJS.WritableStream;
    progressReporter({ stream: tty, verbose: false }).update({
      ...p,
      cluster: { ...p.cluster, results: [] },
    });
    expect(written.at(-1)).toContain('[1/2] clusters done, 0 failing, 1 could not be evaluated');
  });
});

describe('sweep flags', () => {
  it('parses and defaults', () => {
    const f = parseSweepFlags({ context: ['a', 'b'], concurrency: '8', layers: 'node, mesh', store: false });
    expect(f).toMatchObject({
      output: 'table',
      full: false,
      concurrency: 8,
      layers: ['node', 'mesh'],
      store: false,
    });
  });

  it.each([
    [{ output: 'xml' }, '--output expects table or json'],
    [{ concurrency: '0' }, '--concurrency expects a positive whole number'],
    [{ concurrency: 'x' }, '--concurrency expects a positive whole number'],
    [{ layers: 'node,bogus' }, '--layers: unknown layer "bogus"'],
    [{ simulate: 's.yaml', kubeconfig: 'k' }, '--simulate cannot be combined'],
  ])('rejects %o', (raw, message) => {
    expect(() => parseSweepFlags(raw)).toThrow(message);
  });
});
