// Cluster detail: facts, every non-pass result with its hint, then passes; recent history strip.
import { api } from './api.js';
import { ago, fmtTime, h, render, statusCell } from './dom.js';

const order = { fail: 0, error: 1, warn: 2, pass: 3, skip: 4 };

function resultRows(r) {
  const rows = [
    h(
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
    ),
  ];
  return rows;
}

function facts(d) {
  const items = [
    ['provider', d.provider],
    ['region', d.region],
    ['account', d.account],
    ['mesh', d.meshGroup],
    ['cilium', d.ciliumVersion],
    ['cluster-id', d.clusterId],
    ['first seen', fmtTime(d.firstSeen)],
    ['last checked', d.latestRun ? `${fmtTime(d.latestRun.at)} (${ago(d.latestRun.at)})` : 'never'],
    ['run took', d.latestRun ? `${Math.round(d.latestRun.durationMs)} ms` : ''],
    [
      'health RTT p95',
      d.latestRun?.healthRttP95Ms !== undefined ? `${d.latestRun.healthRttP95Ms.toFixed(2)} ms` : '',
    ],
  ].filter(([, v]) => v !== undefined && v !== '');
  return h(
    'div',
    { class: 'counts' },
    items.map(([k, v]) =>
      h('div', { class: 'count' }, h('span', { class: 'muted' }, k), h('div', {}, String(v))),
    ),
  );
}

/** Renders one cluster's page. */
export async function clusterView(name) {
  const enc = encodeURIComponent(name);
  const [d, history] = await Promise.all([
    api(`/api/v1/clusters/${enc}`),
    api(`/api/v1/clusters/${enc}/history?limit=60`),
  ]);
  const run = d.latestRun;
  const results = [...(run?.results ?? [])].sort(
    (a, b) => order[a.status] - order[b.status] || a.check.localeCompare(b.check),
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
    h(
      'table',
      { id: 'results' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['status', 'check', 'subject', 'message / hint'].map((t) => h('th', {}, t)),
        ),
      ),
      h('tbody', {}, results.flatMap(resultRows)),
    ),
    run?.mesh?.length
      ? [
          h('h2', {}, 'Mesh peers'),
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [
                  'peer',
                  'ready',
                  'configured',
                  'agents ready',
                  'nodes',
                  'endpoints',
                  'failures',
                  'last failure',
                ].map((t) => h('th', {}, t)),
              ),
            ),
            h(
              'tbody',
              {},
              run.mesh.map((m) =>
                h(
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
                ),
              ),
            ),
          ),
        ]
      : null,
  );
}
