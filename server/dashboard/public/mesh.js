// @ts-check
// ClusterMesh pairs and the side-by-side comparison of one pair.
import { api } from './api.js';
import { fmtTime, h, render, statusCell, table } from './dom.js';

/** @typedef {import('../types/api.ts').MeshComparison} MeshComparison */
/** @typedef {import('../types/api.ts').MeshPairList} MeshPairList */
/** @typedef {import('./dom.js').Child} Child */

/**
 * One side of the comparison: what `s.cluster` knows and sees of `peer`.
 * @param {MeshComparison['a']} s
 * @param {string} peer
 */
function side(s, peer) {
  const v = s.viewOfPeer;
  /** @type {[string, Child][]} */
  const rows = [
    ['known to fleetcheck', s.known ? 'yes' : 'no'],
    ['cluster status', statusCell(s.status)],
    ['cilium', s.ciliumVersion ?? '–'],
    ['cluster-id', s.clusterId ?? '–'],
    [`sees ${peer}`, statusCell(s.seesPeer ? 'pass' : 'fail', s.seesPeer ? 'yes' : 'NO')],
    [`${peer} configured`, v ? (v.configured ? 'yes' : 'no') : '–'],
    ['agents ready / sampled', v ? `${v.agentsReady} / ${v.agentsSampled}` : '–'],
    ['remote nodes', v?.numNodes ?? '–'],
    ['remote endpoints', v?.numEndpoints ?? '–'],
    ['failures', v?.numFailures ?? '–'],
    ['last failure', v?.lastFailure ?? '–'],
    ['message', v?.message ?? ''],
  ];
  return h(
    'div',
    { class: 'report', 'data-side': s.cluster },
    h('h2', {}, h('a', { href: `#/clusters/${encodeURIComponent(s.cluster)}` }, s.cluster)),
    table({ rows: rows.map(([k, val]) => h('tr', {}, h('th', {}, k), h('td', {}, val))) }),
  );
}

/**
 * Versions, cluster-id and the config keys the two sides must agree on.
 * @param {MeshComparison} c
 */
function configRows(c) {
  return [
    h(
      'tr',
      {},
      h('td', {}, 'cilium version'),
      h('td', {}, c.versions.a ?? '–'),
      h('td', {}, c.versions.b ?? '–'),
      h('td', {}, c.versions.skewMinor !== undefined ? `${c.versions.skewMinor} minor apart` : ''),
    ),
    h(
      'tr',
      {},
      h('td', {}, 'cluster-id unique'),
      h(
        'td',
        { colspan: 2 },
        c.clusterIdUnique ? 'yes' : `NO (clashes with ${c.clusterIdClashWith.join(', ')})`,
      ),
      h('td', {}, statusCell(c.clusterIdUnique ? 'pass' : 'fail')),
    ),
    c.config.map((d) =>
      h(
        'tr',
        {},
        h('td', {}, d.key),
        h('td', {}, d.a ?? '–'),
        h('td', {}, d.b ?? '–'),
        h('td', {}, statusCell(d.agree ? 'pass' : 'fail', d.agree ? 'agree' : 'differ')),
      ),
    ),
  ].flat();
}

/**
 * @param {string} a
 * @param {string} b
 */
async function compare(a, b) {
  const c = /** @type {MeshComparison} */ (
    await api(`/api/v1/mesh/pairs/${encodeURIComponent(a)}/${encodeURIComponent(b)}`)
  );
  render(
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, `${a} ⇄ ${b}`),
      statusCell(c.verdict.status),
      h('span', {}, c.verdict.message),
      h('a', { href: '#/mesh' }, '← pairs'),
    ),
    c.verdict.problems.length
      ? h(
          'ul',
          { class: 'hint' },
          c.verdict.problems.map((p) => h('li', {}, p)),
        )
      : null,
    h('div', { class: 'side' }, side(c.a, b), side(c.b, a)),
    h('h2', {}, 'Versions and configuration that must agree'),
    table({ id: 'config-diff', head: ['key', a, b, ''], rows: configRows(c) }),
    h('h2', {}, `Connectivity history (${c.history.length} sweeps)`),
    h(
      'div',
      { class: 'strip' },
      [...c.history]
        .reverse()
        .map((x) =>
          h(
            'span',
            { title: `${x.sweepId} ${x.at}: ${a}→${b} ${x.aSeesB}, ${b}→${a} ${x.bSeesA}` },
            statusCell(x.status, ' '),
          ),
        ),
    ),
  );
}

/**
 * Renders the pair list, or the comparison of `a` and `b`.
 * @param {string} [a]
 * @param {string} [b]
 */
export async function meshView(a, b) {
  if (a && b) return compare(a, b);
  const { items } = /** @type {MeshPairList} */ (await api('/api/v1/mesh/pairs'));
  render(
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, 'ClusterMesh pairs'),
      h('span', { class: 'muted' }, `${items.length} pairs`),
    ),
    table({
      id: 'mesh-pairs',
      head: ['pair', 'status', 'A sees B', 'B sees A', 'message', 'as of'],
      rows: items.map((p) =>
        h(
          'tr',
          {},
          h(
            'td',
            {},
            h(
              'a',
              { href: `#/mesh/${encodeURIComponent(p.a)}/${encodeURIComponent(p.b)}` },
              `${p.a} ⇄ ${p.b}`,
            ),
          ),
          h('td', {}, statusCell(p.status)),
          h('td', {}, statusCell(p.aSeesB ? 'pass' : 'fail', p.aSeesB ? 'yes' : 'no')),
          h('td', {}, statusCell(p.bSeesA ? 'pass' : 'fail', p.bSeesA ? 'yes' : 'no')),
          h('td', {}, p.message),
          h('td', {}, fmtTime(p.at)),
        ),
      ),
      empty: 'No mesh pairs in the fleet.',
    }),
  );
}
