import { counted } from '../text/plural.ts';
import type { WeeklyReport } from './mesh-types.ts';

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
const pctOf = (v: number) => `${(v * 100).toFixed(1)}%`;
const pts = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} pts`;

/**
 * The score line in words, whatever is missing: no sweeps this week, no previous week, or both weeks.
 * @example scoreSentence({ fleetScore: 0.9, previousScore: null, scoreChange: null }) // 'Fleet score 90.0% (no sweeps the week before to compare with).'
 */
export function scoreSentence(r: Pick<WeeklyReport, 'fleetScore' | 'previousScore' | 'scoreChange'>): string {
  if (r.fleetScore === null)
    return r.previousScore === null
      ? 'No fleet score: no sweeps were stored this week or the week before.'
      : `No fleet score: no sweeps were stored this week (previous week ${pctOf(r.previousScore)}).`;
  const score = pctOf(r.fleetScore);
  if (r.previousScore === null || r.scoreChange === null)
    return `Fleet score ${score} (no sweeps the week before to compare with).`;
  return `Fleet score ${score} (${pts(r.scoreChange)} vs previous week, ${pctOf(r.previousScore)}).`;
}

/** "12 sweeps · 1 cluster" */
function sizeLine(r: WeeklyReport): string {
  return `${counted(r.sweeps, 'sweep')} · ${counted(r.clusters, 'cluster')}`;
}

function mdTable(header: string[], rows: string[][]): string {
  if (rows.length === 0) return '_none_\n';
  const esc = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
  return `| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n${rows.map((r) => `| ${r.map(esc).join(' | ')} |`).join('\n')}\n`;
}

function sections(r: WeeklyReport): { title: string; header: string[]; rows: string[][] }[] {
  return [
    {
      title: `Open regressions (${r.openRegressions.length})`,
      header: ['cluster', 'check', 'subject', 'from', 'to', 'message', 'hint'],
      rows: r.openRegressions.map((x) => [
        x.cluster,
        x.check,
        x.subject,
        x.from,
        x.to,
        x.message,
        x.hint ?? '',
      ]),
    },
    {
      title: `Recoveries (${r.recoveries.length})`,
      header: ['cluster', 'check', 'subject', 'from', 'to'],
      rows: r.recoveries.map((x) => [x.cluster, x.check, x.subject, x.from, x.to]),
    },
    {
      title: `Flapping checks (${r.flapping.length})`,
      header: ['cluster', 'check', 'subject', 'changes', 'now'],
      rows: r.flapping.map((f) => [f.cluster, f.check, f.subject, String(f.changes), f.lastStatus]),
    },
    {
      title: 'Worst clusters',
      header: ['cluster', 'score', 'fail', 'error', 'warn'],
      rows: r.worstClusters.map((c) => [
        c.cluster,
        pct(c.score),
        String(c.fail),
        String(c.error),
        String(c.warn),
      ]),
    },
    {
      title: `Degraded mesh pairs (${r.degradedMeshPairs.length})`,
      header: ['pair', 'degraded sweeps', 'last status', 'last message'],
      rows: r.degradedMeshPairs.map((p) => [
        `${p.a} ↔ ${p.b}`,
        `${p.degradedSweeps}/${p.sweeps}`,
        p.lastStatus,
        p.lastMessage,
      ]),
    },
    {
      title: 'Per layer',
      header: ['layer', 'pass', 'warn', 'fail', 'error', 'skip'],
      rows: r.layers.map((l) => [l.layer, ...[l.pass, l.warn, l.fail, l.error, l.skip].map(String)]),
    },
  ];
}

/** The weekly report as Markdown. */
export function weeklyMarkdown(r: WeeklyReport): string {
  const head = `# fleetcheck weekly report ${r.week}\n\n${r.from} → ${r.to} · ${sizeLine(r)}\n\n**${scoreSentence(r)}**\n`;
  return `${head}${sections(r)
    .map((s) => `\n## ${s.title}\n\n${mdTable(s.header, s.rows)}`)
    .join('')}`;
}

const h = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The one inline style block of the HTML report (the server's CSP allows exactly this text by its hash). */
export const WEEKLY_CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left}th{background:#f6f8fa}.score{font-size:1.6rem}
.none{color:#57606a}`;

/** The weekly report as one self-contained HTML page (inline CSS, no external resources). */
export function weeklyHtml(r: WeeklyReport): string {
  const table = (header: string[], rows: string[][]) =>
    rows.length === 0
      ? '<p class="none">none</p>'
      : `<table><thead><tr>${header.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead><tbody>${rows
          .map((row) => `<tr>${row.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`;
  const body = sections(r)
    .map((s) => `<section><h2>${h(s.title)}</h2>${table(s.header, s.rows)}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>fleetcheck weekly ${h(r.week)}</title>
<style>${WEEKLY_CSS}</style></head>
<body><h1>fleetcheck weekly report ${h(r.week)}</h1>
<p>${h(r.from)} → ${h(r.to)} · ${h(sizeLine(r))}</p>
<p class="score">${h(scoreSentence(r))}</p>
${body}
</body></html>
`;
}
