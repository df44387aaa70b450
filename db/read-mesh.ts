import { sql } from 'drizzle-orm';
import { comparePair } from '../core/analysis/mesh-compare.ts';
import type { MeshComparison, MeshPairSummary } from '../core/analysis/mesh-types.ts';
import { meshComponents } from '../core/sweep/plan.ts';
import type { MeshPairReport } from '../core/sweep/report.ts';
import type { Db } from './client.ts';
import { clusterStatusName, iso } from './codec.ts';
import { readCluster } from './read-clusters.ts';

const DAY = 86_400_000;

/** A mesh_pairs row with its message joined from texts. */
export interface PairReportRow {
  a: string;
  b: string;
  status: number;
  a_sees_b: number;
  b_sees_a: number;
  message: string | null;
}

interface PairRow extends PairReportRow {
  at: number;
  sweep_id: string;
}

/** A stored mesh pair as the sweep report's pair verdict. */
export const toMeshPairReport = (p: PairReportRow): MeshPairReport => ({
  a: p.a,
  b: p.b,
  status: clusterStatusName(p.status),
  aSeesB: p.a_sees_b === 1,
  bSeesA: p.b_sees_a === 1,
  message: p.message ?? '',
});

const toPair = (p: PairRow): MeshPairSummary => ({
  ...toMeshPairReport(p),
  sweepId: p.sweep_id,
  at: iso(p.at),
});

/** Latest verdict per mesh pair: the pairs of the newest sweep that recorded any. */
export async function readMeshPairs(db: Db): Promise<MeshPairSummary[]> {
  const rows = await db.all<PairRow>(sql`select p.a, p.b, p.at, p.status, p.a_sees_b, p.b_sees_a, p.sweep_id,
      t.body as message from mesh_pairs p left join texts t on t.id = p.message_id
    where p.sweep_id = (select sweep_id from mesh_pairs order by at desc limit 1) order by p.a, p.b`);
  return rows.map(toPair);
}

/** Side-by-side comparison of a pair; null when neither cluster is known. */
export async function readMeshCompare(
  db: Db,
  intervalMs: number,
  nameA: string,
  nameB: string,
  opts: { from?: Date; to?: Date },
): Promise<MeshComparison | null> {
  const [a, b] = await Promise.all([readCluster(db, intervalMs, nameA), readCluster(db, intervalMs, nameB)]);
  if (!a && !b) return null;
  const ids = [a?.clusterId, b?.clusterId].filter((v): v is number => v !== undefined);
  const clash =
    ids.length === 0
      ? []
      : await db.all<{ name: string }>(sql`select name from clusters where cilium_cluster_id in
          (${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )}) and name not in (${nameA}, ${nameB}) order by name`);
  // A shared cluster-id only clashes within one mesh (a connected component of the latest pairs).
  const components = meshComponents(await readMeshPairs(db));
  const meshes = new Set([components.get(nameA), components.get(nameB)]);
  meshes.delete(undefined);
  const sameMesh = clash.filter((c) => meshes.has(components.get(c.name)));
  const [x, y] = [nameA, nameB].sort() as [string, string];
  const to = opts.to?.getTime() ?? Date.now() + DAY;
  const from = opts.from?.getTime() ?? to - 8 * DAY;
  const hist = await db.all<PairRow>(sql`select p.a, p.b, p.at, p.status, p.a_sees_b, p.b_sees_a, p.sweep_id,
      null as message from mesh_pairs p where p.a = ${x} and p.b = ${y} and p.at >= ${from} and p.at <= ${to}
    order by p.at desc limit 500`);
  const flip = x !== nameA;
  const history = hist.map((h) => ({
    sweepId: h.sweep_id,
    at: iso(h.at),
    status: clusterStatusName(h.status),
    aSeesB: (flip ? h.b_sees_a : h.a_sees_b) === 1,
    bSeesA: (flip ? h.a_sees_b : h.b_sees_a) === 1,
  }));
  return comparePair(nameA, a, nameB, b, { clashWith: sameMesh.map((c) => c.name), history });
}
