// Trend charts (uPlot): one chart per metric, per cluster or grouped by provider / region / mesh.
import { api, qs } from './api.js';
import { lineChart } from './chart.js';
import { h, render } from './dom.js';

const METRICS = [
  ['pass_rate', 'Pass rate', true],
  ['clusters_failing', 'Clusters failing', false],
  ['failures', 'Failed checks', false],
  ['errors', 'Checks that could not be evaluated', false],
  ['health_rtt_p95_ms', 'Health RTT p95 (ms)', false],
  ['endpoints_not_ready', 'Endpoints not ready', false],
];
const RANGES = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 };
const state = { range: '7d', groupBy: '', cluster: '' };

async function draw() {
  const days = RANGES[state.range];
  const to = new Date();
  const from = new Date(to.getTime() - days * 86_400_000);
  const bucket = days > 7 ? 'day' : 'hour';
  const select = (id, options, key) => {
    const el = h(
      'select',
      {
        id,
        onchange: (e) => {
          state[key] = e.target.value;
          draw();
        },
      },
      options.map(([v, l]) => h('option', { value: v }, l)),
    );
    el.value = state[key];
    return el;
  };
  const charts = METRICS.map(([metric, title]) =>
    h('div', { class: 'chart', 'data-metric': metric }, h('h2', {}, title), h('div', { class: 'plot' })),
  );
  render(
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, 'Trends'),
      select(
        'range',
        Object.keys(RANGES).map((r) => [r, `last ${r}`]),
        'range',
      ),
      select(
        'group-by',
        [
          ['', 'whole fleet / per cluster'],
          ['provider', 'by provider'],
          ['region', 'by region'],
          ['mesh', 'by mesh'],
        ],
        'groupBy',
      ),
      h('span', { class: 'muted' }, `${bucket}ly buckets`),
    ),
    h('div', { class: 'charts' }, charts),
  );
  await Promise.all(
    METRICS.map(async ([metric, , percent], i) => {
      const q = {
        metric,
        bucket,
        from: from.toISOString(),
        to: to.toISOString(),
        groupBy: state.groupBy,
        cluster: state.cluster,
      };
      const { series } = await api(`/api/v1/trends${qs(q)}`);
      const top = [...series].sort((a, b) => b.points.length - a.points.length).slice(0, 10);
      lineChart(charts[i].querySelector('.plot'), top, { percent });
    }),
  );
}

/** Renders the trends page. */
export async function trendsView() {
  await draw();
}
