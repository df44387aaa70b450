import type { MeshComparison } from './mesh-types.ts';
import type { RegressionReport, RunSummary } from './types.ts';

/** A plain aligned text table (header underlined), for terminals and logs. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

/** `fleetcheck regressions` as text. */
export function renderRegressions(r: RegressionReport): string {
  if (!r.current) return 'No sweeps stored yet.\n';
  const head = `current ${r.current.sweepId} (${r.current.at}) vs baseline ${r.baseline ? `${r.baseline.sweepId} (${r.baseline.at})` : '(none)'}\n\n`;
  const regs = r.regressions.length
    ? textTable(
        ['cluster', 'check', 'subject', 'from', 'to', 'message', 'hint'],
        r.regressions.map((x) => [x.cluster, x.check, x.subject, x.from, x.to, x.message, x.hint ?? '']),
      )
    : 'none\n';
  const recs = r.recoveries.length
    ? textTable(
        ['cluster', 'check', 'subject', 'from', 'to'],
        r.recoveries.map((x) => [x.cluster, x.check, x.subject, x.from, x.to]),
      )
    : 'none\n';
  const metrics = r.metricRegressions.length
    ? `\nMetric regressions\n${textTable(
        ['cluster', 'metric', 'baseline median', 'current', 'threshold'],
        r.metricRegressions.map((m) => [
          m.cluster,
          m.metric,
          String(m.baselineMedian),
          String(m.current),
          m.threshold,
        ]),
      )}`
    : '';
  return `${head}Regressions (${r.regressions.length})\n${regs}\nRecoveries (${r.recoveries.length})\n${recs}${metrics}`;
}

/** `fleetcheck history <cluster>` as text. */
export function renderHistory(cluster: string, runs: RunSummary[]): string {
  const rows = runs.map((r) => [
    r.at,
    r.sweepId,
    r.status,
    `${r.counts.pass}/${r.counts.warn}/${r.counts.fail}/${r.counts.error}/${r.counts.skip}`,
    Object.entries(r.layers)
      .filter(([, s]) => s !== 'pass')
      .map(([l, s]) => `${l}:${s}`)
      .join(' '),
    r.healthRttP95Ms === undefined ? '' : r.healthRttP95Ms.toFixed(2),
    r.error ? `${r.error.code}: ${r.error.message}` : '',
  ]);
  return `History of ${cluster} (newest first)\n${textTable(
    ['at', 'sweep', 'status', 'pass/warn/fail/error/skip', 'non-pass layers', 'rtt p95 ms', 'error'],
    rows,
  )}`;
}

/** `fleetcheck mesh compare <a> <b>` as text. */
export function renderMeshCompare(c: MeshComparison): string {
  const v = (s: MeshComparison['a']) => s.viewOfPeer;
  const rows: string[][] = [
    ['cluster', c.a.cluster, c.b.cluster],
    ['status', c.a.status ?? 'unknown', c.b.status ?? 'unknown'],
    ['last run', c.a.at ?? '-', c.b.at ?? '-'],
    ['sees peer', c.a.seesPeer ? 'yes' : 'NO', c.b.seesPeer ? 'yes' : 'NO'],
    ['configured', String(v(c.a)?.configured ?? false), String(v(c.b)?.configured ?? false)],
    [
      'agents ready',
      `${v(c.a)?.agentsReady ?? 0}/${v(c.a)?.agentsSampled ?? 0}`,
      `${v(c.b)?.agentsReady ?? 0}/${v(c.b)?.agentsSampled ?? 0}`,
    ],
    ['peer nodes', String(v(c.a)?.numNodes ?? '-'), String(v(c.b)?.numNodes ?? '-')],
    ['peer endpoints', String(v(c.a)?.numEndpoints ?? '-'), String(v(c.b)?.numEndpoints ?? '-')],
    ['failures', String(v(c.a)?.numFailures ?? '-'), String(v(c.b)?.numFailures ?? '-')],
    ['last failure', v(c.a)?.lastFailure ?? '-', v(c.b)?.lastFailure ?? '-'],
    ['cilium version', c.a.ciliumVersion ?? '-', c.b.ciliumVersion ?? '-'],
    ['cluster-id', String(c.a.clusterId ?? '-'), String(c.b.clusterId ?? '-')],
    ...c.config.map((d) => [`${d.key}${d.agree ? '' : ' (DIFFERS)'}`, d.a ?? '-', d.b ?? '-']),
  ];
  const recent = c.history
    .slice(0, 10)
    .map((h) => [h.at, h.status, h.aSeesB ? 'yes' : 'no', h.bSeesA ? 'yes' : 'no']);
  return `${c.verdict.status.toUpperCase()}: ${c.verdict.message}\n\n${textTable(['', 'A', 'B'], rows)}\nConnectivity history (newest first)\n${
    recent.length ? textTable(['at', 'status', 'A sees B', 'B sees A'], recent) : 'none\n'
  }`;
}
