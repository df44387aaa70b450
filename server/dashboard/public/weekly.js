// The weekly regression report (the store's self-contained HTML rendering), with week picker and downloads.
import { api, qs } from './api.js';
import { counted, h, render } from './dom.js';

let week = '';

/** Renders the weekly report page. */
export async function weeklyView() {
  const report = await api(`/api/v1/reports/weekly${qs({ week })}`);
  const html = await api(`/api/v1/reports/weekly${qs({ week: report.week, format: 'html' })}`, {
    text: true,
  });
  const input = h('input', { id: 'week', value: report.week, pattern: '\\d{4}-W\\d{2}', size: 9 });
  const frame = h('iframe', {
    id: 'weekly-frame',
    title: `weekly report ${report.week}`,
    sandbox: '',
    style: 'width:100%;height:75vh;border:1px solid var(--line);background:#fff',
  });
  frame.srcdoc = html;
  const pct = (v) => `${(v * 100).toFixed(1)}%`;
  const score =
    report.fleetScore === null
      ? 'no fleet score (no sweeps stored this week)'
      : `fleet score ${pct(report.fleetScore)}${
          report.scoreChange === null
            ? ' (nothing the week before to compare with)'
            : ` (${report.scoreChange >= 0 ? '+' : ''}${(report.scoreChange * 100).toFixed(1)} pts vs last week)`
        }`;
  render(
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, `Weekly report ${report.week}`),
      h(
        'form',
        {
          onsubmit: (e) => {
            e.preventDefault();
            week = input.value.trim();
            weeklyView();
          },
        },
        input,
        h('button', { type: 'submit' }, 'Show'),
      ),
      h('span', {}, score),
      h(
        'span',
        { class: 'muted' },
        `${counted(report.openRegressions.length, 'open regression')} · ${counted(report.recoveries.length, 'recovery', 'recoveries')} · ${report.flapping.length} flapping`,
      ),
    ),
    frame,
  );
}
