// Fleet grid: clusters × layers, coloured, stale marked; refreshes itself.
import { api } from './api.js';
import { ago, fmtTime, h, render, statusCell } from './dom.js';

const LAYERS = ['component', 'node', 'business', 'config', 'mesh', 'version'];
let timer;

function countCard(label, value, status) {
  return h('div', { class: 'count' }, h('b', { class: status ? `t-${status}` : '' }, value), label);
}

function row(c) {
  const link = `#/clusters/${encodeURIComponent(c.name)}`;
  return h(
    'tr',
    { class: c.stale ? 'stale' : '', 'data-cluster': c.name },
    h(
      'td',
      {},
      h('a', { href: link }, c.name),
      c.stale
        ? h('span', { class: 'tag stale', title: 'not checked within 2 × the sweep interval' }, 'STALE')
        : null,
    ),
    h('td', {}, statusCell(c.stale ? 'stale' : c.status, c.stale ? `stale/${c.status}` : c.status)),
    LAYERS.map((l) => h('td', {}, statusCell(c.layers?.[l]))),
    h('td', { class: 'num' }, c.counts.fail),
    h('td', { class: 'num' }, c.counts.error),
    h('td', { class: 'num' }, c.counts.warn),
    h('td', {}, [c.provider, c.region].filter(Boolean).join(' / ')),
    h('td', {}, c.meshGroup ?? ''),
    h('td', {}, c.ciliumVersion ?? ''),
    h(
      'td',
      { title: c.lastCheckedAt },
      fmtTime(c.lastCheckedAt),
      ' ',
      h('span', { class: 'muted' }, ago(c.lastCheckedAt)),
    ),
  );
}

const rank = { fail: 0, error: 1, warn: 2, pass: 3 };

async function draw() {
  const fleet = await api('/api/v1/fleet');
  const clusters = [...fleet.clusters].sort(
    (a, b) => b.stale - a.stale || rank[a.status] - rank[b.status] || a.name.localeCompare(b.name),
  );
  const sweepBtn = h(
    'button',
    {
      type: 'button',
      onclick: async (e) => {
        e.target.disabled = true;
        const s = await api('/api/v1/sweeps', { method: 'POST' }).catch((err) => ({ error: err.message }));
        e.target.textContent = s.error
          ? `Cannot sweep: ${s.error}`
          : s.running
            ? `Sweep ${s.id} already running`
            : `Sweep ${s.id} started`;
      },
    },
    'Sweep now',
  );
  render(
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, 'Fleet'),
      h(
        'span',
        { class: 'muted' },
        fleet.lastSweep
          ? `last sweep ${fleet.lastSweep.id} · ${fmtTime(fleet.lastSweep.startedAt)} (${ago(fleet.lastSweep.startedAt)})`
          : 'no sweep yet',
      ),
      sweepBtn,
    ),
    h(
      'div',
      { class: 'counts' },
      countCard('clusters', fleet.counts.total),
      countCard('passing', fleet.counts.pass, 'pass'),
      countCard('warning', fleet.counts.warn, 'warn'),
      countCard('failing', fleet.counts.fail, 'fail'),
      countCard('could not evaluate', fleet.counts.error, 'error'),
      countCard('stale', fleet.counts.stale, 'stale'),
    ),
    clusters.length === 0
      ? h('div', { class: 'empty' }, 'No cluster has been checked yet. The first sweep is on its way.')
      : h(
          'table',
          { id: 'fleet-grid' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [
                'cluster',
                'status',
                ...LAYERS,
                'fail',
                'err',
                'warn',
                'provider / region',
                'mesh',
                'cilium',
                'last checked',
              ].map((t) => h('th', {}, t)),
            ),
          ),
          h('tbody', {}, clusters.map(row)),
        ),
  );
}

/** Renders the fleet page and refreshes it every 30 s while it is shown. */
export async function fleetView() {
  clearInterval(timer);
  await draw();
  timer = setInterval(() => {
    if (location.hash === '' || location.hash === '#/') draw().catch(() => {});
    else clearInterval(timer);
  }, 30_000);
}
