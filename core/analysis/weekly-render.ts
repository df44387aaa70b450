import type { WeeklyReport } from './mesh-types.ts';

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
const delta = (v: number | null) => (v === null ? 'n/a' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} pts`);

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
  const head = `# fleetcheck weekly report ${r.week}\n\n${r.from} → ${r.to} · ${r.sweeps} sweeps · ${r.clusters} clusters\n\n**Fleet score ${pct(r.fleetScore)}** (${delta(r.scoreChange)} vs previous week, ${pct(r.previousScore)})\n`;
  return `${head}${sections(r)
    .map((s) => `\n## ${s.title}\n\n${mdTable(s.header, s.rows)}`)
    .join('')}`;
}

const h = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

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
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left}th{background:#f6f8fa}.score{font-size:1.6rem}
.none{color:#57606a}</style></head>
<body><h1>fleetcheck weekly report ${h(r.week)}</h1>
<p>${h(r.from)} → ${h(r.to)} · ${r.sweeps} sweeps · ${r.clusters} clusters</p>
<p class="score">Fleet score <b>${pct(r.fleetScore)}</b> (${h(delta(r.scoreChange))} vs previous week)</p>
${body}
</body></html>
`;
}
