import { sql } from 'drizzle-orm';
import type { MeshComparison, MeshPairSummary } from '../core/analysis/mesh-types.ts';
import type { MeshPairReport } from '../core/sweep/report.ts';
import type { Db } from './client.ts';
import { clusterStatusName, iso } from './codec.ts';

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

/** A pair's verdicts in [from, to] newest first (at most 500), oriented as (nameA, nameB). */
export async function readPairHistory(
  db: Db,
  nameA: string,
  nameB: string,
  range: { from: number; to: number },
): Promise<MeshComparison['history']> {
  const [x, y] = [nameA, nameB].sort() as [string, string];
  const hist = await db.all<PairRow>(sql`select p.a, p.b, p.at, p.status, p.a_sees_b, p.b_sees_a, p.sweep_id,
      null as message from mesh_pairs p where p.a = ${x} and p.b = ${y} and p.at >= ${range.from}
      and p.at <= ${range.to} order by p.at desc limit 500`);
  const flip = x !== nameA;
  return hist.map((h) => ({
    sweepId: h.sweep_id,
    at: iso(h.at),
    status: clusterStatusName(h.status),
    aSeesB: (flip ? h.b_sees_a : h.a_sees_b) === 1,
    bSeesA: (flip ? h.a_sees_b : h.b_sees_a) === 1,
  }));
}

/** Clusters other than `except` reporting one of the Cilium cluster-ids, by name. */
export async function readClustersWithIds(
  db: Db,
  ids: readonly number[],
  except: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<{ name: string }>(sql`select name from clusters where cilium_cluster_id in
    (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )}) and name not in (${sql.join(
      except.map((n) => sql`${n}`),
      sql`, `,
    )}) order by name`);
  return rows.map((r) => r.name);
}
