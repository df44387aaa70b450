// @ts-check
// Fleet grid: clusters × layers, coloured, stale marked, worst first; refreshes itself.
import { api } from './api.js';
import { ago, fmtTime, h, render, statusCell, table } from './dom.js';
import { servedMeta, worstFirst } from './meta.js';

/** @typedef {import('../types/api.ts').FleetView} FleetView */
/** @typedef {import('../types/api.ts').SweepStarted} SweepStarted */
/** @typedef {import('../types/api.ts').Layer} Layer */
/** @typedef {FleetView['clusters'][number]} FleetCluster */

/** @type {ReturnType<typeof setInterval> | undefined} */
let timer;

/**
 * @param {string} label
 * @param {number} value
 * @param {string} [status]
 */
function countCard(label, value, status) {
  return h('div', { class: 'count' }, h('b', { class: status ? `t-${status}` : '' }, value), label);
}

/**
 * @param {FleetCluster} c
 * @param {readonly Layer[]} layers
 */
function row(c, layers) {
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
    layers.map((l) => h('td', { 'data-layer': l }, statusCell(c.layers?.[l]))),
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

/** @param {Event} e */
async function startSweep(e) {
  const button = /** @type {HTMLButtonElement} */ (e.currentTarget);
  button.disabled = true;
  try {
    const s = /** @type {SweepStarted} */ (await api('/api/v1/sweeps', { method: 'POST' }));
    button.textContent = s.running ? `Sweep ${s.id} already running` : `Sweep ${s.id} started`;
  } catch (err) {
    button.textContent = `Cannot sweep: ${err instanceof Error ? err.message : err}`;
  }
}

async function draw() {
  const [fleet, meta] = await Promise.all([
    /** @type {Promise<FleetView>} */ (api('/api/v1/fleet')),
    servedMeta(),
  ]);
  const worst = worstFirst(meta.severity);
  const clusters = [...fleet.clusters].sort(
    (a, b) => Number(b.stale) - Number(a.stale) || worst(a.status, b.status) || a.name.localeCompare(b.name),
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
      h('button', { type: 'button', onclick: startSweep }, 'Sweep now'),
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
    table({
      id: 'fleet-grid',
      head: [
        'cluster',
        'status',
        ...meta.layers,
        'fail',
        'err',
        'warn',
        'provider / region',
        'mesh',
        'cilium',
        'last checked',
      ],
      rows: clusters.map((c) => row(c, meta.layers)),
      empty: 'No cluster has been checked yet. The first sweep is on its way.',
    }),
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
