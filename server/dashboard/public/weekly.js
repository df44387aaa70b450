// @ts-check
// The weekly regression report (the store's self-contained HTML rendering) with a week picker.
import { api, qs } from './api.js';
import { counted, h, render } from './dom.js';

/** @typedef {import('../types/api.ts').WeeklyReport} WeeklyReport */

let week = '';

/** @param {number} v */
const pct = (v) => `${(v * 100).toFixed(1)}%`;

/** @param {WeeklyReport} report */
function scoreLine(report) {
  if (report.fleetScore === null) return 'no fleet score (no sweeps stored this week)';
  const change =
    report.scoreChange === null
      ? ' (nothing the week before to compare with)'
      : ` (${report.scoreChange >= 0 ? '+' : ''}${(report.scoreChange * 100).toFixed(1)} pts vs last week)`;
  return `fleet score ${pct(report.fleetScore)}${change}`;
}

/** Renders the weekly report page. */
export async function weeklyView() {
  const report = /** @type {WeeklyReport} */ (await api(`/api/v1/reports/weekly${qs({ week })}`));
  const html = /** @type {string} */ (
    await api(`/api/v1/reports/weekly${qs({ week: report.week, format: 'html' })}`, { text: true })
  );
  const input = h('input', { id: 'week', value: report.week, pattern: '\\d{4}-W\\d{2}', size: 9 });
  const frame = h('iframe', {
    id: 'weekly-frame',
    title: `weekly report ${report.week}`,
    sandbox: '',
    style: 'width:100%;height:75vh;border:1px solid var(--line);background:#fff',
  });
  frame.srcdoc = html;
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
      h('span', {}, scoreLine(report)),
      h(
        'span',
        { class: 'muted' },
        `${counted(report.openRegressions.length, 'open regression')} · ${counted(report.recoveries.length, 'recovery', 'recoveries')} · ${report.flapping.length} flapping`,
      ),
    ),
    frame,
  );
}
