import type { ClusterReport, SweepReport } from '../../core/sweep/report.ts';
import { type Span, type SpanKind, spansEnd } from '../../core/sweep/timings.ts';
import { clip, duration, pad } from './style.ts';

const PHASES: { kind: SpanKind; label: string }[] = [
  { kind: 'connect', label: 'CONNECT' },
  { kind: 'api', label: 'API READS' },
  { kind: 'exec', label: 'EXEC ROUNDS' },
  { kind: 'job', label: 'PROBE JOB' },
];

/** From the first start to the last end of the spans of one kind; undefined when there are none. */
function window(spans: readonly Span[], kind: SpanKind): { startMs: number; endMs: number } | undefined {
  const of = spans.filter((s) => s.kind === kind);
  if (of.length === 0) return undefined;
  return { startMs: Math.min(...of.map((s) => s.startMs)), endMs: spansEnd(of) };
}

/** The span that ended last: what the cluster's run waited for at the end. */
function critical(spans: readonly Span[]): Span | undefined {
  return spans
    .filter((s) => s.kind !== 'check')
    .reduce<Span | undefined>(
      (last, s) => (!last || s.startMs + s.durationMs > last.startMs + last.durationMs ? s : last),
      undefined,
    );
}

function bar(s: Span, total: number, width: number): string {
  const scale = width / Math.max(total, 1);
  const from = Math.min(width - 1, Math.floor(s.startMs * scale));
  const len = Math.max(1, Math.round(s.durationMs * scale));
  return `${' '.repeat(from)}${'█'.repeat(Math.min(len, width - from))}`;
}

/** One cluster's spans as a timeline (start, duration, a bar over the run), then its checks, slowest first. */
export function renderClusterTimings(c: ClusterReport, width = 100): string {
  const spans = c.timings?.spans ?? [];
  if (spans.length === 0) return `${c.name}: no timings (the run did not finish)\n`;
  const last = critical(spans);
  const lines = [
    `Timings of ${c.name}: ${duration(c.durationMs)} in all${last ? `; the run ended waiting on ${last.kind} "${last.name}" (${duration(last.durationMs)})` : ''}`,
    `  ${pad('START', 8)}${pad('TOOK', 8)}${pad('KIND', 8)}${pad('WHAT', 34)}TIMELINE`,
  ];
  const barWidth = Math.max(10, width - 60);
  for (const s of spans.filter((x) => x.kind !== 'check'))
    lines.push(
      `  ${pad(duration(s.startMs), 8)}${pad(duration(s.durationMs), 8)}${pad(s.kind, 8)}${pad(clip(s.name, 33), 34)}${bar(s, c.durationMs, barWidth)}`,
    );
  lines.push('', `  ${pad('TOOK', 8)}CHECK`);
  for (const s of spans.filter((x) => x.kind === 'check').sort((a, b) => b.durationMs - a.durationMs))
    lines.push(`  ${pad(duration(s.durationMs), 8)}${s.name}`);
  return `${lines.join('\n')}\n`;
}

/** One row per cluster: total, each phase's window (first start → last end) and what the run ended on. */
export function renderSweepTimings(report: SweepReport): string {
  const head = ['CLUSTER', 'TOTAL', ...PHASES.map((p) => p.label), 'ENDED ON'];
  const rows = report.clusters.map((c) => {
    const spans = c.timings?.spans ?? [];
    const phases = PHASES.map((p) => {
      const w = window(spans, p.kind);
      return w ? `${duration(w.startMs)}–${duration(w.endMs)}` : '—';
    });
    const last = critical(spans);
    return [c.name, duration(c.durationMs), ...phases, last ? `${last.kind}: ${last.name}` : '—'];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)) + 2);
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => pad(cell, widths[i] ?? 0))
      .join('')
      .trimEnd();
  return `${['Timings (each phase: first start–last end, from the cluster run start)', line(head), ...rows.map(line)].join('\n')}\n`;
}
