import { LAYERS } from '../../core/layers.ts';
import { type Outcome, type Status, worstFirst } from '../../core/outcome.ts';
import type { ClusterReport, MeshPairReport, SweepReport } from '../../core/sweep/report.ts';
import { countStatuses } from '../../core/sweep/status.ts';
import { counted } from '../../core/text/plural.ts';
import { layerVerdicts } from './layers.ts';
import { clip, duration, pad, type Styles, wrap } from './style.ts';

export interface TableOptions {
  styles: Styles;
  /** Terminal width (default 120). */
  width?: number;
  /** Show pass (and skip) results under each cluster too, with evidence and metrics (`check`). */
  detail?: boolean;
}

const NAME_W = 26;
const STATUS_W = 7;
const LAYER_W: Record<string, number> = {
  component: 10,
  node: 6,
  business: 9,
  config: 7,
  mesh: 6,
  version: 8,
};

const CLUSTER_ERROR_HINTS: Record<string, string> = {
  unreachable: 'check the API endpoint, the network path to it and its TLS settings (kubeconfig context).',
  timeout:
    'the cluster overran its deadline: results that finished are shown; look for hanging agents or a slow API.',
  'access-denied':
    'check the credentials and apply deploy/rbac.yaml (read-only ClusterRole + probe namespace Role).',
};

function header(s: Styles): string {
  const cols = LAYERS.map((l) => pad(l.toUpperCase(), LAYER_W[l] ?? 8)).join('');
  return s.c.bold(`${pad('CLUSTER', NAME_W)}${pad('STATUS', STATUS_W)}${cols}${pad('TIME', 8)}CILIUM`);
}

function clusterLine(c: ClusterReport, s: Styles): string {
  const verdicts = layerVerdicts(c.results);
  const cols = LAYERS.map((l) => {
    const v = verdicts[l];
    const w = LAYER_W[l] ?? 8;
    return v ? s.status(v, pad(v, w)) : s.c.dim(pad('-', w));
  }).join('');
  const name = pad(clip(c.name, NAME_W - 1), NAME_W);
  return `${name}${s.status(c.status, pad(c.status, STATUS_W))}${cols}${pad(duration(c.durationMs), 8)}${c.ciliumVersion ?? '?'}`;
}

function resultLines(r: Outcome, o: TableOptions, width: number): string[] {
  const s = o.styles;
  const subject = r.subject === 'cluster' ? '' : ` [${r.subject}]`;
  const head = `    ${pad(r.status, 6)}${r.check}${subject}: `;
  const [first = '', ...rest] = wrap(`${head}${r.message}`, width, ' '.repeat(10));
  const lines = [s.status(r.status, first.slice(0, 10)) + first.slice(10), ...rest];
  if (r.hint && r.status !== 'pass')
    lines.push(...wrap(`          hint: ${r.hint}`, width, ' '.repeat(16)).map(s.c.cyan));
  if (o.detail && r.metrics && Object.keys(r.metrics).length > 0) {
    const m = Object.entries(r.metrics).map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(2)}`);
    lines.push(...wrap(`          metrics: ${m.join(' ')}`, width, ' '.repeat(19)).map(s.c.dim));
  }
  if (o.detail && r.evidence && Object.keys(r.evidence).length > 0) {
    lines.push(s.c.dim(clip(`          evidence: ${JSON.stringify(r.evidence)}`, width)));
  }
  return lines;
}

function clusterBlock(c: ClusterReport, o: TableOptions, width: number): string[] {
  const lines = [clusterLine(c, o.styles)];
  if (c.error) {
    lines.push(
      ...wrap(`    error could not evaluate: ${c.error.code}: ${c.error.message}`, width, ' '.repeat(10)),
    );
    const hint = CLUSTER_ERROR_HINTS[c.error.code];
    if (hint) lines.push(...wrap(`          hint: ${hint}`, width, ' '.repeat(16)).map(o.styles.c.cyan));
  }
  const shown = c.results
    .filter((r) => o.detail || (r.status !== 'pass' && r.status !== 'skip'))
    .sort((a, b) => worstFirst(a.status, b.status) || a.check.localeCompare(b.check));
  for (const r of shown) lines.push(...resultLines(r, o, width));
  return lines;
}

function arrow(p: MeshPairReport): string {
  if (p.aSeesB && p.bSeesA) return '<->';
  if (p.aSeesB) return '-->';
  if (p.bSeesA) return '<--';
  return '-x-';
}

function pairLines(pairs: MeshPairReport[], o: TableOptions, width: number): string[] {
  if (pairs.length === 0) return [];
  const lines = ['', o.styles.c.bold('MESH PAIRS')];
  for (const p of pairs) {
    const head = `  ${pad(p.status, 6)}${p.a} ${arrow(p)} ${p.b}: `;
    const [first = '', ...rest] = wrap(`${head}${p.message}`, width, ' '.repeat(8));
    lines.push(o.styles.status(p.status, first.slice(0, 8)) + first.slice(8), ...rest);
  }
  return lines;
}

function counts(items: { status: Exclude<Status, 'skip'> }[], all: boolean): string {
  const n = countStatuses(items);
  const parts = (['pass', 'warn', 'fail', 'error'] as const).filter((k) => all || n[k] > 0);
  return parts.map((k) => `${n[k]} ${k}`).join(', ');
}

/** The one-line summary: counts of cluster (and pair) verdicts, wall time and sweep id. */
function summaryLine(report: SweepReport): string {
  const ms = Date.parse(report.sweep.finishedAt) - Date.parse(report.sweep.startedAt);
  const p = report.meshPairs.length;
  const pairs = p > 0 ? ` · ${counted(p, 'mesh pair')}: ${counts(report.meshPairs, false)}` : '';
  const n = report.clusters.length;
  return `${counted(n, 'cluster')}: ${counts(report.clusters, true)}${pairs} · ${duration(ms)} (sweep ${report.sweep.id})`;
}

/**
 * The sweep as a table readable in 120 columns: one line per cluster with per-layer verdicts, duration and
 * Cilium version; under it each non-pass result with an indented hint; then mesh pairs and a summary.
 */
export function renderSweepTable(report: SweepReport, o: TableOptions): string {
  const width = o.width ?? 120;
  const lines = [header(o.styles)];
  for (const c of report.clusters) lines.push(...clusterBlock(c, o, width));
  lines.push(
    ...pairLines(report.meshPairs, o, width),
    '',
    o.styles.status(report.sweep.status, summaryLine(report)),
  );
  return `${lines.join('\n')}\n`;
}
