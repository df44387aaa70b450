import type { PeerIndex } from '../peers.ts';
import type { MeshPair } from '../plan.ts';
import type { ClusterReport, MeshPairReport, MeshView } from '../report.ts';

interface Side {
  name: string;
  evaluated: boolean;
  why?: string;
  view?: MeshView;
  sees: boolean;
  partial: boolean;
}

function side(name: string, peer: string, report: ClusterReport | undefined, index: PeerIndex): Side {
  const blank = { name, sees: false, partial: false };
  if (!report) return { ...blank, evaluated: false, why: `${name} was not checked` };
  if (report.mesh === undefined) {
    const why = report.error ? `${report.error.code}: ${report.error.message}` : 'no mesh status collected';
    return { ...blank, evaluated: false, why };
  }
  const view = report.mesh.find((v) => index.resolve(v.peer) === peer);
  const meshError = report.results.find(
    (r) =>
      r.check.startsWith('mesh.') &&
      r.status === 'error' &&
      (r.subject === view?.peer || r.subject === 'cluster'),
  );
  if ((view && view.agentsSampled === 0) || meshError) {
    return { ...blank, view, evaluated: false, why: meshError?.message ?? 'no agent could be sampled' };
  }
  const sees = view?.ready ?? false;
  return { name, view, evaluated: true, sees, partial: !sees && (view?.agentsReady ?? 0) > 0 };
}

function blindness(s: Side, peer: string): string {
  const v = s.view;
  if (!v || (!v.configured && v.agentsReporting === 0))
    return `${s.name} cannot see ${peer} (not in its clustermesh secret)`;
  const detail = v.message ?? v.lastFailure;
  const agents = `${v.agentsReady}/${v.agentsSampled} sampled agents ready`;
  if (s.partial)
    return `${s.name} sees ${peer} on only ${agents.replace(' ready', '')}${detail ? ` (${detail})` : ''}`;
  return `${s.name} cannot see ${peer} (${agents}${detail ? `: ${detail}` : ''})`;
}

/**
 * The verdict of one mesh pair from both sides' mesh views: `pass` when each sees the other on its sampled
 * agents; `warn` when the pair is degraded — one side cannot see the other (one-sided: the message names which
 * side cannot see which, and that side's mesh.peer.connected check fails) or sees it on only some agents;
 * `fail` when neither side can see the other; `error` when a side could not be evaluated.
 */
export function meshPairReport(
  pair: MeshPair,
  reports: ReadonlyMap<string, ClusterReport>,
  index: PeerIndex,
): MeshPairReport {
  const a = side(pair.a, pair.b, reports.get(pair.a), index);
  const b = side(pair.b, pair.a, reports.get(pair.b), index);
  const base = { a: pair.a, b: pair.b, aSeesB: a.sees, bSeesA: b.sees };
  const unevaluated = [a, b].filter((s) => !s.evaluated);
  if (unevaluated.length > 0) {
    const known = [a, b]
      .filter((s) => s.evaluated)
      .map((s) =>
        s.sees ? `${s.name} sees ${s === a ? pair.b : pair.a}` : blindness(s, s === a ? pair.b : pair.a),
      );
    const why = [...unevaluated.map((s) => `${s.name} could not be evaluated (${s.why})`), ...known].join(
      '; ',
    );
    return { ...base, status: 'error', message: why };
  }
  const idA = reports.get(pair.a)?.clusterId;
  if (idA !== undefined && idA === reports.get(pair.b)?.clusterId) {
    // Cilium cannot tell the two clusters' identities and IPs apart: the pair does not work whatever agents report.
    return {
      ...base,
      status: 'fail',
      message: `${pair.a} and ${pair.b} share cluster-id ${idA}: give one side a unique cluster.id (see config.mesh.identity)`,
    };
  }
  if (a.sees && b.sees) return { ...base, status: 'pass', message: `${pair.a} and ${pair.b} see each other` };
  if (!a.sees && !b.sees) {
    const status = a.partial && b.partial ? 'warn' : 'fail';
    return { ...base, status, message: `${blindness(a, pair.b)}; ${blindness(b, pair.a)}` };
  }
  const [blind, seer] = a.sees ? [b, a] : [a, b];
  const peer = blind === a ? pair.b : pair.a;
  const message = `${blindness(blind, peer)}; ${seer.name} sees ${blind.name}`;
  return { ...base, status: 'warn', message };
}
