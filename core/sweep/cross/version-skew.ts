import { appendTo } from '../../map-lists.ts';
import { type Outcome, outcome } from '../../outcome.ts';
import type { MeshPair } from '../plan.ts';
import type { ClusterReport } from '../report.ts';

const CHECK = 'version.skew';
const HINT =
  'ClusterMesh is supported between Cilium versions at most one minor apart (the upgrade window); ' +
  'upgrade the older side one minor at a time until the pair is within one minor.';

/** Major and minor of a version such as `1.16.5` or `v1.17.0-rc.1`; undefined when unreadable. */
function minorOf(version: string | undefined): { major: number; minor: number } | undefined {
  const m = version?.match(/(\d+)\.(\d+)/);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

function verdict(mine: string, theirs: string, peer: string): Outcome {
  const a = minorOf(mine);
  const b = minorOf(theirs);
  const evidence = { version: mine, peerVersion: theirs };
  if (!a || !b) {
    return {
      check: CHECK,
      subject: peer,
      status: 'skip',
      message: `cannot compare "${mine}" with "${theirs}"`,
    };
  }
  const gap = a.major !== b.major ? Number.POSITIVE_INFINITY : Math.abs(a.minor - b.minor);
  const text = `Cilium ${mine} here, ${theirs} on mesh peer ${peer}`;
  if (gap <= 1) {
    const note = gap === 1 ? ' (one minor apart: supported)' : '';
    return outcome.pass(CHECK, peer, `${text}${note}`, { evidence, metrics: { minorSkew: gap } });
  }
  const status = gap === 2 ? 'warn' : 'fail';
  const apart = Number.isFinite(gap) ? `${gap} minors apart` : 'different major versions';
  return outcome.nonPass(status, CHECK, peer, `${text}: ${apart}, beyond the supported skew`, HINT, {
    evidence,
    ...(Number.isFinite(gap) ? { metrics: { minorSkew: gap } } : {}),
  });
}

/**
 * Cross-cluster `version.skew` for each mesh pair, added to both sides with the peer as subject:
 * within one minor passes, two minors warn, more (or another major) fails; an unknown side is skipped.
 */
export function versionSkewOutcomes(
  pairs: MeshPair[],
  reports: ReadonlyMap<string, ClusterReport>,
): Map<string, Outcome[]> {
  const out = new Map<string, Outcome[]>();
  const add = (cluster: string, o: Outcome) => appendTo(out, cluster, o);
  for (const { a, b } of pairs) {
    const va = reports.get(a)?.ciliumVersion;
    const vb = reports.get(b)?.ciliumVersion;
    for (const [self, peer, mine, theirs] of [
      [a, b, va, vb],
      [b, a, vb, va],
    ] as const) {
      if (mine === undefined) continue;
      if (theirs === undefined) {
        add(self, {
          check: CHECK,
          subject: peer,
          status: 'skip',
          message: `Cilium version of mesh peer ${peer} unknown (it could not be evaluated)`,
        });
      } else add(self, verdict(mine, theirs, peer));
    }
  }
  return out;
}
