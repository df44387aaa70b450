import { MESH_CONFIG_KEYS } from '../checks/config-keys.ts';
import { FleetcheckError } from '../errors.ts';
import type { MeshView } from '../sweep/report.ts';
import type { ConfigDiff, MeshComparison, MeshPairSummary, MeshSide } from './mesh-types.ts';
import type { ClusterDetail } from './types.ts';

function minor(v: string | undefined): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(v ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** The view a cluster has of `peer` (by fleet name or by the peer's Cilium cluster-name). */
export function viewOf(detail: ClusterDetail | null, peer: string, peerCiliumName?: string): MeshView | null {
  const views = detail?.latestRun?.mesh ?? [];
  return (
    views.find((v) => v.peer === peer) ??
    views.find((v) => peerCiliumName !== undefined && v.peer === peerCiliumName) ??
    null
  );
}

function side(
  name: string,
  detail: ClusterDetail | null,
  peer: string,
  peerDetail: ClusterDetail | null,
): MeshSide {
  const view = viewOf(detail, peer, peerDetail?.latestRun?.config?.['cluster-name']);
  const run = detail?.latestRun;
  return {
    cluster: name,
    known: detail !== null,
    ...(run ? { at: run.at, status: run.status } : {}),
    layers: run?.layers ?? {},
    ...(detail?.ciliumVersion ? { ciliumVersion: detail.ciliumVersion } : {}),
    ...(detail?.clusterId !== undefined ? { clusterId: detail.clusterId } : {}),
    viewOfPeer: view,
    seesPeer: view?.ready ?? false,
  };
}

/**
 * A mesh pair is two different clusters: comparing a cluster with itself is bad input, never a verdict.
 * @example assertDistinctPair('east', 'east') // throws FleetcheckError('invalid-input')
 */
export function assertDistinctPair(a: string, b: string): void {
  if (a === b)
    throw new FleetcheckError(
      'invalid-input',
      `a mesh pair needs two different clusters, got ${a} twice (a cluster never meshes with itself: Cilium ignores its own entry in the clustermesh secret)`,
    );
}

/** Why a side's view of its peer cannot be judged, or undefined when it can. */
function unevaluated(name: string, detail: ClusterDetail | null, peerNames: string[]): string | undefined {
  if (!detail) return `${name} has no stored runs`;
  const run = detail.latestRun;
  if (!run) return `${name} has no stored runs`;
  if (run.error) return `${name} could not be evaluated (${run.error.code}: ${run.error.message})`;
  const meshError = run.results.find(
    (r) =>
      r.check.startsWith('mesh.') &&
      r.status === 'error' &&
      (r.subject === 'cluster' || peerNames.includes(r.subject)),
  );
  if (meshError) return `${name} could not be evaluated (${meshError.message})`;
  return undefined;
}

/**
 * Compares two meshed clusters from their latest runs: each side's view of the other (one-sided loss is named),
 * versions, the cilium-config keys that must agree, cluster-id uniqueness and each side's health.
 * @example comparePair(a, b, { clash: [], history: [] }).verdict.problems // ['b cannot see a ...']
 */
export function comparePair(
  nameA: string,
  a: ClusterDetail | null,
  nameB: string,
  b: ClusterDetail | null,
  extra: { clashWith: string[]; history: MeshComparison['history']; latest?: MeshPairSummary },
): MeshComparison {
  const sa = side(nameA, a, nameB, b);
  const sb = side(nameB, b, nameA, a);
  const ca = a?.latestRun?.config ?? {};
  const cb = b?.latestRun?.config ?? {};
  const config: ConfigDiff[] = MESH_CONFIG_KEYS.filter((k) => ca[k] !== undefined || cb[k] !== undefined).map(
    (k) => ({
      key: k,
      ...(ca[k] !== undefined ? { a: ca[k] } : {}),
      ...(cb[k] !== undefined ? { b: cb[k] } : {}),
      agree: ca[k] === cb[k],
    }),
  );
  const va = minor(sa.ciliumVersion);
  const vb = minor(sb.ciliumVersion);
  const skewMinor = va && vb ? Math.abs((va[0] - vb[0]) * 100 + va[1] - vb[1]) : undefined;
  const clusterIdUnique =
    sa.clusterId === undefined ||
    sb.clusterId === undefined ||
    (sa.clusterId !== sb.clusterId && extra.clashWith.length === 0);
  const problems: string[] = [];
  let bad = 0;
  let warn = 0;
  // Sides that see nothing of the other: one is a degraded (warn) pair, as the sweep's pair verdict says; two fail.
  let blind = 0;
  // A side that could not be evaluated makes the pair `error` (as the sweep's pair verdict), never "not configured".
  let unknown = 0;
  for (const [s, o] of [
    [sa, sb],
    [sb, sa],
  ] as const) {
    const peerDetail = s === sa ? b : a;
    const peerNames = [o.cluster, peerDetail?.latestRun?.config?.['cluster-name']].filter(
      (n): n is string => n !== undefined,
    );
    const why = unevaluated(s.cluster, s === sa ? a : b, peerNames);
    if (why) {
      problems.push(why);
      unknown += 1;
    } else if (!s.seesPeer) {
      const v = s.viewOfPeer;
      const why = !v
        ? 'not configured as a peer'
        : `${v.agentsReady}/${v.agentsSampled} sampled agents ready${v.lastFailure ? `, last failure ${v.lastFailure}` : ''}`;
      problems.push(`${s.cluster} cannot see ${o.cluster} (${why})`);
      if (v && v.agentsReady > 0) warn += 1;
      else blind += 1;
    }
    if (!why && (s.status === 'fail' || s.status === 'error')) {
      problems.push(`${s.cluster} is unhealthy (${s.status})`);
      warn += 1;
    }
  }
  if (blind === 2) bad += 1;
  else if (blind === 1) warn += 1;
  // A side without a stored config (never evaluated) is unknown, not different.
  const bothConfigs = Object.keys(ca).length > 0 && Object.keys(cb).length > 0;
  for (const d of config.filter((c) => !c.agree && bothConfigs)) {
    problems.push(`cilium-config ${d.key} differs: ${d.a ?? '(unset)'} vs ${d.b ?? '(unset)'}`);
    if (d.key === 'max-connected-clusters' || d.key.startsWith('enable-')) bad += 1;
    else warn += 1;
  }
  if (!clusterIdUnique) {
    const who = [
      sa.clusterId === sb.clusterId ? `${nameA} and ${nameB} share cluster-id ${sa.clusterId}` : '',
      ...extra.clashWith.map((c) => `clashes with ${c}`),
    ].filter(Boolean);
    problems.push(`cluster-id not unique: ${who.join('; ')}`);
    bad += 1;
  }
  if (skewMinor !== undefined && skewMinor > 1) {
    problems.push(
      `Cilium versions ${sa.ciliumVersion} and ${sb.ciliumVersion} are more than one minor apart`,
    );
    warn += 1;
  }
  const status = unknown > 0 ? 'error' : bad > 0 ? 'fail' : warn > 0 ? 'warn' : 'pass';
  const message =
    problems.length === 0 ? `${nameA} and ${nameB} see each other; config agrees` : problems.join('; ');
  return {
    a: sa,
    b: sb,
    verdict: { status, message, problems },
    versions: {
      ...(sa.ciliumVersion ? { a: sa.ciliumVersion } : {}),
      ...(sb.ciliumVersion ? { b: sb.ciliumVersion } : {}),
      ...(skewMinor !== undefined ? { skewMinor } : {}),
    },
    config,
    clusterIdUnique,
    clusterIdClashWith: extra.clashWith,
    history: extra.history,
  };
}
