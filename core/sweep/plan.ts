import type { ClusterTarget } from '../fleet/target.ts';
import { byCodeUnits } from '../text/compare.ts';
import { configuredPeers, type FleetMember, peerIndex } from './peers.ts';
import type { ClusterReport } from './report.ts';

/** An unordered mesh pair, stored with `a < b`. */
export interface MeshPair {
  a: string;
  b: string;
}

export interface SweepPlan {
  targets: ClusterTarget[];
  /** Pairs where either side lists the other; peers outside the fleet are not pairs. */
  pairs: MeshPair[];
}

/**
 * Plans a sweep: the targets (duplicate names rejected by the caller's fleet loader) and the mesh pairs
 * known so far. Before the runs only `expectedPeers` are known; pass the reports to include the peers
 * each cluster's clustermesh secret configures.
 * @example planSweep([a, b]).pairs // [{ a: 'a', b: 'b' }] when a.expectedPeers = ['b']
 */
export function planSweep(targets: ClusterTarget[], reports?: ReadonlyMap<string, ClusterReport>): SweepPlan {
  const members: FleetMember[] = targets.map((target) => ({ target, report: reports?.get(target.name) }));
  return { targets, pairs: meshPairsOf(members) };
}

/** The mesh pairs among fleet members (see planSweep), sorted by `a` then `b`. */
export function meshPairsOf(members: FleetMember[]): MeshPair[] {
  const index = peerIndex(members);
  const seen = new Map<string, MeshPair>();
  for (const m of members) {
    for (const peer of configuredPeers(m)) {
      const other = index.resolve(peer);
      if (other === undefined || other === m.target.name) continue;
      const [a, b] = m.target.name < other ? [m.target.name, other] : [other, m.target.name];
      seen.set(`${a}\u0000${b}`, { a, b });
    }
  }
  return [...seen.values()].sort((x, y) => byCodeUnits(x.a, y.a) || byCodeUnits(x.b, y.b));
}

/** Connected components of the pair graph: cluster name → component id (the smallest name in it). */
export function meshComponents(pairs: MeshPair[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const { a, b } of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    const [lo, hi] = ra < rb ? [ra, rb] : [rb, ra];
    parent.set(hi, lo);
  }
  const out = new Map<string, string>();
  for (const name of parent.keys()) out.set(name, find(name));
  return out;
}
