// @ts-check
// Cluster detail: facts, every result worst first with its hint; recent history strip; mesh peers.
import { api } from './api.js';
import { ago, fmtTime, h, render, statusCell, table } from './dom.js';
import { servedMeta, worstFirst } from './meta.js';

/** @typedef {import('../types/api.ts').ClusterDetail} ClusterDetail */
/** @typedef {import('../types/api.ts').RunPage} RunPage */
/** @typedef {NonNullable<ClusterDetail['latestRun']>} Run */

/** @param {Run['results'][number]} r */
function resultRow(r) {
  return h(
    'tr',
    { class: `result r-${r.status}` },
    h('td', {}, statusCell(r.status)),
    h('td', {}, r.check),
    h('td', {}, r.subject),
    h(
      'td',
      {},
      h('div', { class: 'msg' }, r.message),
      r.hint ? h('div', { class: 'hint' }, h('b', {}, 'hint: '), r.hint) : null,
    ),
  );
}

/** @param {NonNullable<Run['mesh']>[number]} m */
function meshRow(m) {
  return h(
    'tr',
    {},
    h('td', {}, m.peer),
    h('td', {}, statusCell(m.ready ? 'pass' : 'fail', m.ready ? 'ready' : 'not ready')),
    h('td', {}, m.configured ? 'yes' : 'no'),
    h('td', { class: 'num' }, `${m.agentsReady}/${m.agentsSampled}`),
    h('td', { class: 'num' }, m.numNodes ?? ''),
    h('td', { class: 'num' }, m.numEndpoints ?? ''),
    h('td', { class: 'num' }, m.numFailures ?? ''),
    h('td', {}, m.lastFailure ?? ''),
  );
}

/** @param {ClusterDetail} d */
function facts(d) {
  const run = d.latestRun;
  /** @type {[string, string | number | undefined][]} */
  const items = [
    ['provider', d.provider],
    ['region', d.region],
    ['account', d.account],
    ['mesh', d.meshGroup],
    ['cilium', d.ciliumVersion],
    ['cluster-id', d.clusterId],
    ['first seen', fmtTime(d.firstSeen)],
    ['last checked', run ? `${fmtTime(run.at)} (${ago(run.at)})` : 'never'],
    ['run took', run ? `${Math.round(run.durationMs)} ms` : ''],
    ['health RTT p95', run?.healthRttP95Ms !== undefined ? `${run.healthRttP95Ms.toFixed(2)} ms` : ''],
  ];
  return h(
    'div',
    { class: 'counts' },
    items
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) =>
        h('div', { class: 'count' }, h('span', { class: 'muted' }, k), h('div', {}, String(v))),
      ),
  );
}

/**
 * Renders one cluster's page.
 * @param {string} name
 */
export async function clusterView(name) {
  const enc = encodeURIComponent(name);
  const [d, history, meta] = await Promise.all([
    /** @type {Promise<ClusterDetail>} */ (api(`/api/v1/clusters/${enc}`)),
    /** @type {Promise<RunPage>} */ (api(`/api/v1/clusters/${enc}/history?limit=60`)),
    servedMeta(),
  ]);
  const run = d.latestRun;
  const worst = worstFirst(meta.severity);
  const results = [...(run?.results ?? [])].sort(
    (a, b) => worst(a.status, b.status) || a.check.localeCompare(b.check),
  );
  const strip = [...history.items]
    .reverse()
    .map((r) => h('span', { title: `${r.sweepId} ${r.at}: ${r.status}` }, statusCell(r.status, ' ')));
  render(
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, name),
      statusCell(d.stale ? 'stale' : run?.status, d.stale ? 'STALE' : run?.status),
      h('a', { href: '#/' }, '← fleet'),
    ),
    d.stale
      ? h(
          'div',
          { class: 'hint' },
          'This cluster has not been checked within 2 × the sweep interval: its last verdict may be out of date.',
        )
      : null,
    facts(d),
    run?.error
      ? h('div', { class: 'error-box' }, `Could not evaluate: ${run.error.code}: ${run.error.message}`)
      : null,
    h('h2', {}, `Recent runs (${history.items.length})`),
    h('div', { class: 'strip' }, strip),
    h('h2', {}, `Results of ${run ? `sweep ${run.sweepId}` : 'no run yet'}`),
    table({
      id: 'results',
      head: ['status', 'check', 'subject', 'message / hint'],
      rows: results.map(resultRow),
    }),
    run?.mesh?.length
      ? [
          h('h2', {}, 'Mesh peers'),
          table({
            head: [
              'peer',
              'ready',
              'configured',
              'agents ready',
              'nodes',
              'endpoints',
              'failures',
              'last failure',
            ],
            rows: run.mesh.map(meshRow),
          }),
        ]
      : null,
  );
}
