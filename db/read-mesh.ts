import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { MeshComparison, MeshPairSummary } from '../core/analysis/mesh-types.ts';
import type { MeshPairReport } from '../core/sweep/report.ts';
import type { Db } from './client.ts';
import { clusterStatusName, iso } from './codec.ts';
import { meshPairsTable, textsTable } from './schema/index.ts';

const pairText = alias(textsTable, 'pair_text');

/** A stored pair verdict with its message joined from texts. */
type PairRow = Pick<typeof meshPairsTable.$inferSelect, 'a' | 'b' | 'status' | 'aSeesB' | 'bSeesA'> & {
  message: string | null;
};

/** Pair verdicts with their sweep, time and message. */
function selectPairs(db: Db) {
  return db.orm
    .select({
      a: meshPairsTable.a,
      b: meshPairsTable.b,
      status: meshPairsTable.status,
      aSeesB: meshPairsTable.aSeesB,
      bSeesA: meshPairsTable.bSeesA,
      message: pairText.body,
      at: meshPairsTable.at,
      sweepId: meshPairsTable.sweepId,
    })
    .from(meshPairsTable)
    .leftJoin(pairText, eq(pairText.id, meshPairsTable.messageId));
}

/** A stored mesh pair as the sweep report's pair verdict. */
const toMeshPairReport = (p: PairRow): MeshPairReport => ({
  a: p.a,
  b: p.b,
  status: clusterStatusName(p.status),
  aSeesB: p.aSeesB,
  bSeesA: p.bSeesA,
  message: p.message ?? '',
});

/** The stored pair verdicts of a sweep, in their stored order. */
export async function readSweepPairs(db: Db, sweepId: string): Promise<MeshPairReport[]> {
  const rows = await selectPairs(db).where(eq(meshPairsTable.sweepId, sweepId)).orderBy(meshPairsTable.seq);
  return rows.map(toMeshPairReport);
}

type LatestPairValues = [
  a: string,
  b: string,
  status: number,
  aSeesB: number,
  bSeesA: number,
  message: string | null,
  at: number,
  sweepId: string,
];

/** Latest verdict per mesh pair: the pairs of the newest sweep that recorded any. */
export async function readMeshPairs(db: Db): Promise<MeshPairSummary[]> {
  const rows =
    await db.values<LatestPairValues>(sql`select p.a, p.b, p.status, p.a_sees_b, p.b_sees_a, t.body, p.at,
      p.sweep_id from mesh_pairs p left join texts t on t.id = p.message_id
    where p.sweep_id = (select sweep_id from mesh_pairs order by at desc limit 1) order by p.a, p.b`);
  return rows.map(([a, b, status, aSeesB, bSeesA, message, at, sweepId]) => ({
    a,
    b,
    status: clusterStatusName(status),
    aSeesB: aSeesB === 1,
    bSeesA: bSeesA === 1,
    message: message ?? '',
    sweepId,
    at: iso(at),
  }));
}

/** A pair's verdicts in [from, to] newest first (at most 500), oriented as (nameA, nameB). */
export async function readPairHistory(
  db: Db,
  nameA: string,
  nameB: string,
  range: { from: number; to: number },
): Promise<MeshComparison['history']> {
  const [x, y] = [nameA, nameB].sort() as [string, string];
  const p = meshPairsTable;
  const hist = await db.orm
    .select({ sweepId: p.sweepId, at: p.at, status: p.status, aSeesB: p.aSeesB, bSeesA: p.bSeesA })
    .from(p)
    .where(and(eq(p.a, x), eq(p.b, y), gte(p.at, range.from), lte(p.at, range.to)))
    .orderBy(desc(p.at))
    .limit(500);
  const flip = x !== nameA;
  return hist.map((h) => ({
    sweepId: h.sweepId,
    at: iso(h.at),
    status: clusterStatusName(h.status),
    aSeesB: flip ? h.bSeesA : h.aSeesB,
    bSeesA: flip ? h.aSeesB : h.bSeesA,
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
