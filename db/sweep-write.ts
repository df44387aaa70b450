import { sql } from 'drizzle-orm';
import { FleetcheckError } from '../core/errors.ts';
import type { FactedRun, RunLanded, StoredSweepRuns } from '../core/history/ports.ts';
import type { MeshPairReport, SweepReport } from '../core/sweep/report.ts';
import { type Db, first, type Orm } from './client.ts';
import { iso, plannedNames, statusCode } from './codec.ts';
import type { Dictionary } from './dictionary.ts';
import { sweepReports } from './read-run.ts';
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
  const planned = s.planned ? JSON.stringify(s.planned) : null;
  await tx.run(sql`insert into ${sweepsTable} (id, started_at, finished_at, status, trigger, planned)
    values (${s.id}, ${s.startedAt}, ${s.finishedAt ?? null}, ${s.status ?? null}, ${s.trigger ?? null}, ${planned})
    on conflict(id) do update set started_at = excluded.started_at,
      finished_at = coalesce(excluded.finished_at, finished_at), status = coalesce(excluded.status, status),
      trigger = coalesce(excluded.trigger, trigger), planned = coalesce(excluded.planned, planned)`);
}

async function writePairs(tx: Orm, dict: Dictionary, sweepId: string, at: number, pairs: MeshPairReport[]) {
  await tx.run(sql`delete from ${meshPairsTable} where sweep_id = ${sweepId}`);
  for (const [seq, p] of pairs.entries()) {
    await tx.insert(meshPairsTable).values({
      sweepId,
      seq,
      a: p.a,
      b: p.b,
      at,
      status: statusCode(p.status),
      aSeesB: p.aSeesB ? 1 : 0,
      bSeesA: p.bSeesA ? 1 : 0,
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
    let row = await first<{ started_at: number }>(
      tx,
      sql`select started_at from ${sweepsTable} where id = ${sweepId}`,
    );
    if (!row) {
      await upsertSweep(tx, { id: sweepId, startedAt: Date.now() });
      row = { started_at: Date.now() };
    }
    const seen = await first<{ one: number }>(
      tx,
      sql`select 1 as one from ${clusterRunsTable} r join ${clustersTable} c on c.id = r.cluster_id
        where r.sweep_id = ${sweepId} and c.name = ${run.report.name}`,
    );
    await writeRun(tx, dict, sweepId, run, row.started_at);
    if (!seen) await tx.run(sql`update ${sweepsTable} set landed = landed + 1 where id = ${sweepId}`);
    const counts = await first<{ landed: number; planned: string | null }>(
      tx,
      sql`select landed, planned from ${sweepsTable} where id = ${sweepId}`,
    );
    const planned = plannedNames(counts?.planned ?? null).length;
    return { landed: counts?.landed ?? 0, planned };
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
  const changed = await db.run(sql`update ${sweepsTable} set finish_claimed_at = ${at}
    where id = ${sweepId} and finished_at is null
      and (finish_claimed_at is null or finish_claimed_at < ${staleBefore ?? Number.MIN_SAFE_INTEGER})`);
  return changed === 1;
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
    const stored = await first<{ started_at: number }>(
      tx,
      sql`select started_at from ${sweepsTable} where id = ${report.sweep.id}`,
    );
    const at = stored?.started_at ?? startedAt;
    await upsertSweep(tx, {
      id: report.sweep.id,
      startedAt: at,
      finishedAt,
      status: statusCode(report.sweep.status),
      ...(opts.planned ? { planned: [...opts.planned] } : {}),
    });
    for (const c of opts.runs) await writeRun(tx, dict, report.sweep.id, c, at);
    await writePairs(tx, dict, report.sweep.id, at, report.meshPairs);
  });
}

/** An open sweep's plan and the runs landed so far (the serverless finisher's one reload). */
export async function readSweepRuns(db: Db, sweepId: string): Promise<StoredSweepRuns | null> {
  const row = await first<{ started_at: number; planned: string | null }>(
    db.orm,
    sql`select started_at, planned from ${sweepsTable} where id = ${sweepId}`,
  );
  if (!row) return null;
  const planned = plannedNames(row.planned);
  const clusters = await sweepReports(db, sweepId, planned);
  return { id: sweepId, startedAt: iso(row.started_at), planned, clusters };
}
