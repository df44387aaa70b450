import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { FleetcheckError } from '../core/errors.ts';
import type { FactedRun, RunLanded, StoredSweepRuns } from '../core/history/ports.ts';
import type { MeshPairReport, SweepReport } from '../core/sweep/report.ts';
import type { Db, Orm } from './client.ts';
import { iso, plannedNames, statusCode } from './codec.ts';
import type { Dictionary } from './dictionary.ts';
import { sweepReports } from './read-run.ts';
import { refreshRollups } from './rollups.ts';
import { clusterRunsTable, clustersTable, meshPairsTable, sweepsTable } from './schema/index.ts';
import { writeRun } from './write-run.ts';

async function upsertSweep(
  tx: Orm,
  s: {
    id: string;
    startedAt: number;
    finishedAt?: number;
    status?: number;
    trigger?: string;
    planned?: string[];
  },
): Promise<void> {
  const t = sweepsTable;
  const keep = (c: SQLiteColumn) => sql.raw(`coalesce(excluded.${c.name}, ${c.name})`);
  await tx
    .insert(t)
    .values({
      id: s.id,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt ?? null,
      status: s.status ?? null,
      trigger: s.trigger ?? null,
      planned: s.planned ? JSON.stringify(s.planned) : null,
    })
    .onConflictDoUpdate({
      target: t.id,
      set: {
        startedAt: sql.raw(`excluded.${t.startedAt.name}`),
        finishedAt: keep(t.finishedAt),
        status: keep(t.status),
        trigger: keep(t.trigger),
        planned: keep(t.planned),
      },
    });
}

/** The sweep row's start time and plan, or undefined for an unknown sweep. */
async function sweepRow(orm: Orm, sweepId: string) {
  const t = sweepsTable;
  const rows = await orm
    .select({ startedAt: t.startedAt, planned: t.planned, landed: t.landed })
    .from(t)
    .where(eq(t.id, sweepId))
    .limit(1);
  return rows[0];
}

async function writePairs(tx: Orm, dict: Dictionary, sweepId: string, at: number, pairs: MeshPairReport[]) {
  await tx.delete(meshPairsTable).where(eq(meshPairsTable.sweepId, sweepId));
  for (const [seq, p] of pairs.entries()) {
    await tx.insert(meshPairsTable).values({
      sweepId,
      seq,
      a: p.a,
      b: p.b,
      at,
      status: statusCode(p.status),
      aSeesB: p.aSeesB,
      bSeesA: p.bSeesA,
      messageId: await dict.text(tx, p.message),
    });
  }
}

const ms = (iso: string, what: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new FleetcheckError('invalid-input', `${what} is not an ISO time: ${iso}`);
  return t;
};

export async function createSweep(
  db: Db,
  s: { id: string; startedAt: string; clusters: string[]; trigger?: string },
): Promise<void> {
  const startedAt = ms(s.startedAt, 'startedAt');
  await db.write((tx) =>
    upsertSweep(tx, {
      id: s.id,
      startedAt,
      planned: s.clusters,
      ...(s.trigger ? { trigger: s.trigger } : {}),
    }),
  );
}

/**
 * One cluster run of a sweep (the sweep row is created on the fly when the plan was not recorded). The first
 * run of a cluster counts towards `landed`; a redelivered run replaces it without counting again.
 */
export async function saveClusterRun(
  db: Db,
  dict: Dictionary,
  sweepId: string,
  run: FactedRun,
): Promise<RunLanded> {
  return db.write(async (tx) => {
    let startedAt = (await sweepRow(tx, sweepId))?.startedAt;
    if (startedAt === undefined) {
      startedAt = Date.now();
      await upsertSweep(tx, { id: sweepId, startedAt });
    }
    const seen = await tx
      .select({ id: clusterRunsTable.id })
      .from(clusterRunsTable)
      .innerJoin(clustersTable, eq(clustersTable.id, clusterRunsTable.clusterId))
      .where(and(eq(clusterRunsTable.sweepId, sweepId), eq(clustersTable.name, run.report.name)))
      .limit(1);
    await writeRun(tx, dict, sweepId, run, startedAt);
    if (seen.length === 0)
      await tx
        .update(sweepsTable)
        .set({ landed: sql`${sweepsTable.landed} + 1` })
        .where(eq(sweepsTable.id, sweepId));
    const counts = await sweepRow(tx, sweepId);
    await refreshRollups(tx);
    return { landed: counts?.landed ?? 0, planned: plannedNames(counts?.planned ?? null).length };
  });
}

/**
 * Claims the right to finish a sweep: true for exactly one caller while the sweep is open, or again once a
 * claim older than `staleBefore` (epoch ms; its holder died) is taken over.
 */
export async function claimFinish(
  db: Db,
  sweepId: string,
  at: number,
  staleBefore?: number,
): Promise<boolean> {
  const t = sweepsTable;
  const claim = db.orm
    .update(t)
    .set({ finishClaimedAt: at })
    .where(
      and(
        eq(t.id, sweepId),
        isNull(t.finishedAt),
        or(isNull(t.finishClaimedAt), lt(t.finishClaimedAt, staleBefore ?? Number.MIN_SAFE_INTEGER)),
      ),
    );
  return (await db.run(claim.getSQL())) === 1;
}

/**
 * Stores a finished sweep (core/history computed its status, runs and mesh pairs): the sweep row, the given runs
 * (each replacing its (sweep, cluster) run) and the mesh pairs, in one transaction.
 */
export async function recordFinished(
  db: Db,
  dict: Dictionary,
  report: SweepReport,
  opts: { runs: readonly FactedRun[]; planned?: readonly string[] },
): Promise<void> {
  const startedAt = ms(report.sweep.startedAt, 'sweep.startedAt');
  const finishedAt = ms(report.sweep.finishedAt, 'sweep.finishedAt');
  await db.write(async (tx) => {
    const at = (await sweepRow(tx, report.sweep.id))?.startedAt ?? startedAt;
    await upsertSweep(tx, {
      id: report.sweep.id,
      startedAt: at,
      finishedAt,
      status: statusCode(report.sweep.status),
      ...(opts.planned ? { planned: [...opts.planned] } : {}),
    });
    for (const c of opts.runs) await writeRun(tx, dict, report.sweep.id, c, at);
    await writePairs(tx, dict, report.sweep.id, at, report.meshPairs);
    await refreshRollups(tx);
  });
}

/** An open sweep's plan and the runs landed so far (the serverless finisher's one reload). */
export async function readSweepRuns(db: Db, sweepId: string): Promise<StoredSweepRuns | null> {
  const row = await sweepRow(db.orm, sweepId);
  if (!row) return null;
  const planned = plannedNames(row.planned);
  const clusters = await sweepReports(db, sweepId, planned);
  return { id: sweepId, startedAt: iso(row.startedAt), planned, clusters };
}
