// Regressions vs a chosen baseline (previous sweep, a sweep, or a time), recoveries, metric regressions, flapping.
import { api, qs } from './api.js';
import { fmtTime, h, render, statusCell } from './dom.js';

const LAYERS = ['', 'component', 'node', 'business', 'config', 'mesh', 'version'];
const state = { baseline: 'previous', layer: '', cluster: '' };

function table(id, head, rows, empty) {
  if (!rows.length) return h('div', { class: 'empty', id }, empty);
  return h(
    'table',
    { id },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        head.map((t) => h('th', {}, t)),
      ),
    ),
    h('tbody', {}, rows),
  );
}

function cl(name) {
  return h('a', { href: `#/clusters/${encodeURIComponent(name)}` }, name);
}

async function draw(sweeps) {
  const [rep, flaps] = await Promise.all([
    api(`/api/v1/regressions${qs(state)}`),
    api(`/api/v1/flapping${qs({ cluster: state.cluster })}`),
  ]);
  const picker = h(
    'select',
    {
      id: 'baseline',
      onchange: (e) => {
        state.baseline = e.target.value;
        draw(sweeps);
      },
    },
    h('option', { value: 'previous' }, 'previous sweep'),
    ['1', '24', '168'].map((hrs) => {
      const at = new Date(Date.now() - Number(hrs) * 3600_000).toISOString();
      return h('option', { value: at }, `${hrs === '1' ? '1 hour' : hrs === '24' ? '1 day' : '1 week'} ago`);
    }),
    sweeps.map((s) => h('option', { value: s.id }, `${s.id} · ${s.status ?? 'running'}`)),
  );
  picker.value = [...picker.options].some((o) => o.value === state.baseline) ? state.baseline : 'previous';
  const layer = h(
    'select',
    {
      id: 'layer',
      onchange: (e) => {
        state.layer = e.target.value;
        draw(sweeps);
      },
    },
    LAYERS.map((l) => h('option', { value: l }, l || 'all layers')),
  );
  layer.value = state.layer;
  render(
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, 'Regressions'),
      h('label', {}, 'baseline ', picker),
      layer,
      h(
        'span',
        { class: 'muted' },
        rep.baseline && rep.current
          ? `${rep.baseline.sweepId} (${fmtTime(rep.baseline.at)}) → ${rep.current.sweepId} (${fmtTime(rep.current.at)})`
          : 'not enough sweeps to compare yet',
      ),
    ),
    h('h2', {}, `Got worse (${rep.regressions.length})`),
    table(
      'regressions',
      ['cluster', 'check', 'subject', 'from', 'to', 'message / hint'],
      rep.regressions.map((r) =>
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
      'Nothing got worse.',
    ),
    h('h2', {}, `Metric regressions (${rep.metricRegressions.length})`),
    table(
      'metric-regressions',
      ['cluster', 'metric', 'baseline median', 'now', 'threshold'],
      rep.metricRegressions.map((m) =>
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
      'No metric beyond its threshold.',
    ),
    h('h2', {}, `Recovered (${rep.recoveries.length})`),
    table(
      'recoveries',
      ['cluster', 'check', 'subject', 'from', 'to'],
      rep.recoveries.map((r) =>
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
      'No recoveries.',
    ),
    h('h2', {}, `Flapping in the last 7 days (${flaps.items.length})`),
    table(
      'flapping',
      ['cluster', 'check', 'subject', 'changes', 'now', 'last change', 'sequence'],
      flaps.items.map((f) =>
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
      'Nothing flaps.',
    ),
  );
}

/** Renders the regressions page with its baseline picker. */
export async function regressionsView() {
  const sweeps = await api('/api/v1/sweeps?limit=50');
  await draw(sweeps.items.slice(1));
}
