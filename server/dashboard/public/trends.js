// @ts-check
// Trend charts (uPlot): one chart per metric, per cluster or grouped by provider / region / mesh.
import { api, qs } from './api.js';
import { lineChart } from './chart.js';
import { h, render } from './dom.js';

/** @typedef {import('../types/api.ts').TrendList} TrendList */
/** @typedef {import('../types/api.ts').TrendQuery} TrendQuery */
/** @typedef {{ metric: NonNullable<TrendQuery['metric']>, title: string, percent: boolean }} MetricChart */
/** @typedef {{ value: string, label: string }} Option */

/** @type {MetricChart[]} */
const METRICS = [
  { metric: 'pass_rate', title: 'Pass rate', percent: true },
  { metric: 'clusters_failing', title: 'Clusters failing', percent: false },
  { metric: 'failures', title: 'Failed checks', percent: false },
  { metric: 'errors', title: 'Checks that could not be evaluated', percent: false },
  { metric: 'health_rtt_p95_ms', title: 'Health RTT p95 (ms)', percent: false },
  { metric: 'endpoints_not_ready', title: 'Endpoints not ready', percent: false },
];
/** @type {Record<string, number>} */
const RANGE_DAYS = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 };
const state = { range: '7d', groupBy: '' };

/**
 * A select bound to one `state` key: changing it redraws the page.
 * @param {string} id
 * @param {'range' | 'groupBy'} key
 * @param {Option[]} options
 */
function stateSelect(id, key, options) {
  const el = h(
    'select',
    {
      id,
      onchange: (e) => {
        state[key] = /** @type {HTMLSelectElement} */ (e.currentTarget).value;
        draw();
      },
    },
    options.map((o) => h('option', { value: o.value }, o.label)),
  );
  el.value = state[key];
  return el;
}

async function draw() {
  const days = RANGE_DAYS[state.range] ?? 7;
  const to = new Date();
  const from = new Date(to.getTime() - days * 86_400_000);
  const bucket = days > 7 ? 'day' : 'hour';
  const charts = METRICS.map((m) =>
    h('div', { class: 'chart', 'data-metric': m.metric }, h('h2', {}, m.title), h('div', { class: 'plot' })),
  );
  render(
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, 'Trends'),
      stateSelect(
        'range',
        'range',
        Object.keys(RANGE_DAYS).map((r) => ({ value: r, label: `last ${r}` })),
      ),
      stateSelect('group-by', 'groupBy', [
        { value: '', label: 'whole fleet / per cluster' },
        { value: 'provider', label: 'by provider' },
        { value: 'region', label: 'by region' },
        { value: 'mesh', label: 'by mesh' },
      ]),
      h('span', { class: 'muted' }, `${bucket}ly buckets`),
    ),
    h('div', { class: 'charts' }, charts),
  );
  await Promise.all(
    METRICS.map(async ({ metric, percent }, i) => {
      const q = {
        metric,
        bucket,
        from: from.toISOString(),
        to: to.toISOString(),
        groupBy: state.groupBy,
      };
      const { series } = /** @type {TrendList} */ (await api(`/api/v1/trends${qs(q)}`));
      const top = [...series].sort((a, b) => b.points.length - a.points.length).slice(0, 10);
      const plot = charts[i]?.querySelector('.plot');
      if (plot instanceof HTMLElement) lineChart(plot, top, { percent });
    }),
  );
}

/** Renders the trends page. */
export async function trendsView() {
  await draw();
}
