import { sql } from 'drizzle-orm';
import { first, type Orm } from './client.ts';
import { checkResultsTable, clusterRunsTable, statusChangesTable } from './schema/index.ts';

interface Row {
  check_id: number;
  subject_id: number;
  status: number;
}

async function statuses(tx: Orm, runId: number): Promise<Map<string, Row>> {
  const rows = await tx.all<Row>(
    sql`select check_id, subject_id, status from ${checkResultsTable} where run_id = ${runId}`,
  );
  return new Map(rows.map((r) => [`${r.check_id}:${r.subject_id}`, r]));
}

/** Records the status changes of run `to` vs run `from` (same cluster), replacing earlier ones of `to`. */
async function diff(tx: Orm, clusterId: number, fromRun: number, toRun: number, at: number): Promise<void> {
  await tx.run(sql`delete from ${statusChangesTable} where run_id = ${toRun}`);
  const before = await statuses(tx, fromRun);
  const after = await statuses(tx, toRun);
  const rows = [];
  for (const [k, r] of after) {
    const b = before.get(k);
    if (!b || b.status === r.status) continue;
    rows.push({
      runId: toRun,
      clusterId,
      checkId: r.check_id,
      subjectId: r.subject_id,
      at,
      fromStatus: b.status,
      toStatus: r.status,
    });
  }
  for (let i = 0; i < rows.length; i += 200)
    await tx.insert(statusChangesTable).values(rows.slice(i, i + 200));
}

/** Status changes of a (re)written run vs its predecessor, and of its successor vs it (out-of-order saves). */
export async function recordChanges(tx: Orm, clusterId: number, runId: number, at: number): Promise<void> {
  const prev = await first<{ id: number }>(
    tx,
    sql`select id from ${clusterRunsTable}
    where cluster_id = ${clusterId} and id <> ${runId} and at <= ${at} order by at desc, id desc limit 1`,
  );
  if (prev) await diff(tx, clusterId, prev.id, runId, at);
  const next = await first<{ id: number; at: number }>(
    tx,
    sql`select id, at from ${clusterRunsTable}
    where cluster_id = ${clusterId} and at > ${at} order by at asc, id asc limit 1`,
  );
  if (next) await diff(tx, clusterId, runId, next.id, next.at);
}
