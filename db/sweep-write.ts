import { sql } from 'drizzle-orm';
import { FleetcheckError } from '../core/errors.ts';
import { meshPairReport } from '../core/sweep/cross/mesh-pairs.ts';
import { type FleetMember, peerIndex } from '../core/sweep/peers.ts';
import type { ClusterReport, MeshPairReport, SweepReport } from '../core/sweep/report.ts';
import { sweepStatus } from '../core/sweep/status.ts';
import { type Db, first, type Orm } from './client.ts';
import { statusCode } from './codec.ts';
import type { Dictionary } from './dictionary.ts';
import { loadReports, loadRuns } from './read-run.ts';
import { clusterRunsTable, clustersTable, meshPairsTable, sweepsTable } from './schema/index.ts';
import type { RunLanded } from './store.ts';
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

/** Stores a whole sweep in one transaction (idempotent per sweep and per (sweep, cluster)). */
export async function saveSweep(db: Db, dict: Dictionary, report: SweepReport): Promise<void> {
  const at = ms(report.sweep.startedAt, 'sweep.startedAt');
  await db.write(async (tx) => {
    await upsertSweep(tx, {
      id: report.sweep.id,
      startedAt: at,
      finishedAt: ms(report.sweep.finishedAt, 'sweep.finishedAt'),
      status: statusCode(report.sweep.status),
      planned: report.clusters.map((c) => c.name),
    });
    for (const c of report.clusters) await writeRun(tx, dict, report.sweep.id, c, at);
    await writePairs(tx, dict, report.sweep.id, at, report.meshPairs);
  });
}

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
  run: ClusterReport,
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
        where r.sweep_id = ${sweepId} and c.name = ${run.name}`,
    );
    await writeRun(tx, dict, sweepId, run, row.started_at);
    if (!seen) await tx.run(sql`update ${sweepsTable} set landed = landed + 1 where id = ${sweepId}`);
    const counts = await first<{ landed: number; planned: string | null }>(
      tx,
      sql`select landed, planned from ${sweepsTable} where id = ${sweepId}`,
    );
    const planned = counts?.planned ? (JSON.parse(counts.planned) as string[]).length : 0;
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

/** Mesh pairs from the stored runs: {A, B} where either side lists the other. */
export function pairsOf(reports: ClusterReport[]): MeshPairReport[] {
  // FleetMember.target is only read for its name here.
  const members = reports.map((r) => ({ target: { name: r.name }, report: r }) as unknown as FleetMember);
  const index = peerIndex(members);
  const byName = new Map(reports.map((r) => [r.name, r]));
  const seen = new Map<string, { a: string; b: string }>();
  for (const r of reports) {
    for (const v of r.mesh ?? []) {
      const peer = index.resolve(v.peer);
      if (!peer || peer === r.name) continue;
      const [a, b] = [r.name, peer].sort() as [string, string];
      seen.set(`${a}\u0000${b}`, { a, b });
    }
  }
  return [...seen.values()]
    .sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b))
    .map((p) => meshPairReport(p, byName, index));
}

/** Closes a sweep: status from its runs (a planned cluster without a run counts as error) and mesh pairs. */
export async function finishSweep(
  db: Db,
  dict: Dictionary,
  sweepId: string,
  finishedAt: string,
): Promise<void> {
  const end = ms(finishedAt, 'finishedAt');
  const sweep = (
    await db.all<{ started_at: number; planned: string | null }>(
      sql`select started_at, planned from ${sweepsTable} where id = ${sweepId}`,
    )
  )[0];
  if (!sweep) throw new FleetcheckError('not-found', `unknown sweep ${sweepId}`, { sweepId });
  const reports = await loadReports(db, await loadRuns(db, sql`r.sweep_id = ${sweepId}`, sql`order by r.id`));
  const pairs = pairsOf(reports);
  const planned = JSON.parse(sweep.planned ?? '[]') as string[];
  const missing = planned.some((n) => !reports.some((r) => r.name === n));
  const status = missing
    ? sweepStatus([...reports, { status: 'error' } as ClusterReport], pairs)
    : sweepStatus(reports, pairs);
  await db.write(async (tx) => {
    await upsertSweep(tx, {
      id: sweepId,
      startedAt: sweep.started_at,
      finishedAt: end,
      status: statusCode(status),
    });
    await writePairs(tx, dict, sweepId, sweep.started_at, pairs);
  });
}
