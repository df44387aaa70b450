// @ts-check
// Regressions vs a chosen baseline (previous sweep, a sweep, or a time), recoveries, metric regressions, flapping.
import { api, qs } from './api.js';
import { fmtTime, h, render, statusCell, table } from './dom.js';
import { servedMeta } from './meta.js';

/** @typedef {import('../types/api.ts').RegressionReport} RegressionReport */
/** @typedef {import('../types/api.ts').FlapList} FlapList */
/** @typedef {import('../types/api.ts').SweepPage} SweepPage */
/** @typedef {SweepPage['items'][number]} SweepSummary */
/** @typedef {{ value: string, label: string }} Option */

const state = { baseline: 'previous', layer: '' };

/** @param {string} name */
function cl(name) {
  return h('a', { href: `#/clusters/${encodeURIComponent(name)}` }, name);
}

/**
 * A select bound to one `state` key: changing it redraws the page.
 * @param {string} id
 * @param {'baseline' | 'layer'} key
 * @param {Option[]} options
 * @param {() => void} redraw
 */
function stateSelect(id, key, options, redraw) {
  const el = h(
    'select',
    {
      id,
      onchange: (e) => {
        state[key] = /** @type {HTMLSelectElement} */ (e.currentTarget).value;
        redraw();
      },
    },
    options.map((o) => h('option', { value: o.value }, o.label)),
  );
  el.value = options.some((o) => o.value === state[key]) ? state[key] : (options[0]?.value ?? '');
  return el;
}

const BASELINE_AGES = [
  { hours: 1, label: '1 hour ago' },
  { hours: 24, label: '1 day ago' },
  { hours: 168, label: '1 week ago' },
];

/**
 * @param {SweepSummary[]} sweeps
 * @returns {Option[]}
 */
function baselineOptions(sweeps) {
  return [
    { value: 'previous', label: 'previous sweep' },
    ...BASELINE_AGES.map((a) => ({
      value: new Date(Date.now() - a.hours * 3600_000).toISOString(),
      label: a.label,
    })),
    ...sweeps.map((s) => ({ value: s.id, label: `${s.id} · ${s.status ?? 'running'}` })),
  ];
}

/** @param {SweepSummary[]} sweeps */
async function draw(sweeps) {
  const [rep, flaps, meta] = await Promise.all([
    /** @type {Promise<RegressionReport>} */ (api(`/api/v1/regressions${qs(state)}`)),
    /** @type {Promise<FlapList>} */ (api('/api/v1/flapping')),
    servedMeta(),
  ]);
  const redraw = () => draw(sweeps);
  const layers = [{ value: '', label: 'all layers' }, ...meta.layers.map((l) => ({ value: l, label: l }))];
  render(
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, 'Regressions'),
      h('label', {}, 'baseline ', stateSelect('baseline', 'baseline', baselineOptions(sweeps), redraw)),
      stateSelect('layer', 'layer', layers, redraw),
      h(
        'span',
        { class: 'muted' },
        rep.baseline && rep.current
          ? `${rep.baseline.sweepId} (${fmtTime(rep.baseline.at)}) → ${rep.current.sweepId} (${fmtTime(rep.current.at)})`
          : 'not enough sweeps to compare yet',
      ),
    ),
    h('h2', {}, `Got worse (${rep.regressions.length})`),
    table({
      id: 'regressions',
      head: ['cluster', 'check', 'subject', 'from', 'to', 'message / hint'],
      rows: rep.regressions.map((r) =>
        h(
          'tr',
          {},
          h('td', {}, cl(r.cluster)),
          h('td', {}, r.check),
          h('td', {}, r.subject),
          h('td', {}, statusCell(r.from === 'absent' ? null : r.from, r.from)),
          h('td', {}, statusCell(r.to)),
          h(
            'td',
            {},
            h('div', { class: 'msg' }, r.message),
            r.hint ? h('div', { class: 'hint' }, h('b', {}, 'hint: '), r.hint) : null,
          ),
        ),
      ),
      empty: 'Nothing got worse.',
    }),
    h('h2', {}, `Metric regressions (${rep.metricRegressions.length})`),
    table({
      id: 'metric-regressions',
      head: ['cluster', 'metric', 'baseline median', 'now', 'threshold'],
      rows: rep.metricRegressions.map((m) =>
        h(
          'tr',
          {},
          h('td', {}, cl(m.cluster)),
          h('td', {}, m.metric),
          h('td', { class: 'num' }, m.baselineMedian.toFixed(2)),
          h('td', { class: 'num' }, m.current.toFixed(2)),
          h('td', {}, m.threshold),
        ),
      ),
      empty: 'No metric beyond its threshold.',
    }),
    h('h2', {}, `Recovered (${rep.recoveries.length})`),
    table({
      id: 'recoveries',
      head: ['cluster', 'check', 'subject', 'from', 'to'],
      rows: rep.recoveries.map((r) =>
        h(
          'tr',
          {},
          h('td', {}, cl(r.cluster)),
          h('td', {}, r.check),
          h('td', {}, r.subject),
          h('td', {}, statusCell(r.from)),
          h('td', {}, statusCell(r.to)),
        ),
      ),
      empty: 'No recoveries.',
    }),
    h('h2', {}, `Flapping in the last 7 days (${flaps.items.length})`),
    table({
      id: 'flapping',
      head: ['cluster', 'check', 'subject', 'changes', 'now', 'last change', 'sequence'],
      rows: flaps.items.map((f) =>
        h(
          'tr',
          {},
          h('td', {}, cl(f.cluster)),
          h('td', {}, f.check),
          h('td', {}, f.subject),
          h('td', { class: 'num' }, f.changes),
          h('td', {}, statusCell(f.lastStatus)),
          h('td', {}, fmtTime(f.lastChangeAt)),
          h(
            'td',
            {},
            f.statuses.slice(-24).map((s) => statusCell(s, ' ')),
          ),
        ),
      ),
      empty: 'Nothing flaps.',
    }),
  );
}

/** Renders the regressions page with its baseline picker. */
export async function regressionsView() {
  const sweeps = /** @type {SweepPage} */ (await api('/api/v1/sweeps?limit=50'));
  await draw(sweeps.items.slice(1));
}
