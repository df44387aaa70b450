import { comparePair } from '../analysis/mesh-compare.ts';
import type { MeshComparison } from '../analysis/mesh-types.ts';
import type { ClusterDetail } from '../analysis/types.ts';
import { meshComponents } from '../sweep/plan.ts';
import type { RunReader } from './read-ports.ts';

const DAY = 86_400_000;

/**
 * Side-by-side comparison of a mesh pair from both clusters' latest runs; a cluster-id shared with another
 * cluster only clashes within one mesh (a connected component of the latest pairs). Null when neither is known.
 * @example await meshCompare(store, cluster, 'prod-a', 'prod-b', {})
 */
export async function meshCompare(
  reader: Pick<RunReader, 'meshPairs' | 'meshPairHistory' | 'clustersWithIds'>,
  cluster: (name: string) => Promise<ClusterDetail | null>,
  nameA: string,
  nameB: string,
  opts: { from?: Date; to?: Date; now?: Date },
): Promise<MeshComparison | null> {
  const [a, b] = await Promise.all([cluster(nameA), cluster(nameB)]);
  if (!a && !b) return null;
  const ids = [a?.clusterId, b?.clusterId].filter((v): v is number => v !== undefined);
  const clash = await reader.clustersWithIds(ids, [nameA, nameB]);
  const components = meshComponents(await reader.meshPairs());
  const meshes = new Set([components.get(nameA), components.get(nameB)]);
  meshes.delete(undefined);
  const clashWith = clash.filter((name) => meshes.has(components.get(name)));
  const to = opts.to?.getTime() ?? (opts.now ?? new Date()).getTime() + DAY;
  const from = opts.from?.getTime() ?? to - 8 * DAY;
  const history = await reader.meshPairHistory(nameA, nameB, { from, to });
  return comparePair(nameA, a, nameB, b, { clashWith, history });
}
