import { eq, getTableColumns, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type { ClusterDetail, ClusterSummary, Page, RunSummary } from '../core/analysis/types.ts';
import type { FleetRows, Staleable } from '../core/history/read-ports.ts';
import type { Db } from './client.ts';
import { clusterStatusName, decodeCursor, encodeCursor, iso, unpackLayers } from './codec.ts';
import { loadLinks, loadMesh, loadResults, loadRuns, type RunRow, toReport, toSummary } from './read-run.ts';
import { clusterRunsTable, clustersTable } from './schema/index.ts';

const registry = alias(clustersTable, 'c');
const lastRun = alias(clusterRunsTable, 'r');

/** A registry row with the status and sweep of its latest run. */
type ClusterRow = typeof clustersTable.$inferSelect & { lastStatus: number | null; lastSweep: string | null };

function selectClusters(db: Db) {
  return db.orm
    .select({ ...getTableColumns(registry), lastStatus: lastRun.status, lastSweep: lastRun.sweepId })
    .from(registry)
    .leftJoin(lastRun, eq(lastRun.id, registry.lastRunId));
}

async function recentTimes(db: Db, clusterId: number): Promise<number[]> {
  const rows = await db.all<{ at: number }>(
    sql`select at from cluster_runs where cluster_id = ${clusterId} order by at desc limit 5`,
  );
  return rows.map((r) => r.at);
}

const labelsSchema = z.record(z.string(), z.string());

function toClusterSummary(c: ClusterRow): ClusterSummary {
  const s: ClusterSummary = {
    name: c.name,
    labels: labelsSchema.parse(JSON.parse(c.labels)),
    firstSeen: iso(c.firstSeen),
    lastSeen: iso(c.lastSeen),
    stale: false,
  };
  if (c.provider !== null) s.provider = c.provider;
  if (c.region !== null) s.region = c.region;
  if (c.account !== null) s.account = c.account;
  if (c.meshGroup !== null) s.meshGroup = c.meshGroup;
  if (c.ciliumVersion !== null) s.ciliumVersion = c.ciliumVersion;
  if (c.ciliumClusterId !== null) s.clusterId = c.ciliumClusterId;
  if (c.lastStatus !== null) s.lastStatus = clusterStatusName(c.lastStatus);
  if (c.lastSweep !== null) s.lastSweepId = c.lastSweep;
  return s;
}

/** Registry rows by name, cursor = last name. */
export async function clusterRows(
  db: Db,
  opts: { cursor?: string; limit?: number },
): Promise<Page<Staleable<ClusterSummary>>> {
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
  const after = decodeCursor(opts.cursor, z.string());
  const rows = await selectClusters(db)
    .where(after === undefined ? undefined : gt(registry.name, after))
    .orderBy(registry.name)
    .limit(limit + 1);
  const recent = await recentTimesByCluster(db);
  const items = rows.slice(0, limit).map((c) => ({
    item: toClusterSummary(c),
    lastAt: c.lastSeen,
    recentRunTimes: recent.get(c.id) ?? [],
  }));
  const last = rows[limit - 1];
  return rows.length > limit && last ? { items, nextCursor: encodeCursor(last.name) } : { items };
}

/** One cluster with its latest run in full. */
export async function clusterRow(db: Db, name: string): Promise<Staleable<ClusterDetail> | null> {
  const [c] = await selectClusters(db).where(eq(registry.name, name)).limit(1);
  if (!c) return null;
  const stale = { lastAt: c.lastSeen, recentRunTimes: await recentTimes(db, c.id) };
  return { item: await withLatestRun(db, c), ...stale };
}

async function withLatestRun(db: Db, c: ClusterRow): Promise<ClusterDetail> {
  const summary = toClusterSummary(c);
  const run = c.lastRunId === null ? undefined : (await loadRuns(db, sql`r.id = ${c.lastRunId}`))[0];
  if (!run) return { ...summary, latestRun: null };
  const [results, links, mesh] = await Promise.all([
    loadResults(db, [run.id]),
    loadLinks(db, [run.id]),
    loadMesh(db, [run.id]),
  ]);
  const report = toReport(run, results.get(run.id), links.get(run.id), mesh.get(run.id));
  const latestRun = {
    ...toSummary(run),
    results: report.results,
    healthLinks: report.healthLinks ?? [],
    mesh: report.mesh ?? [],
    ...(report.config ? { config: report.config } : {}),
  };
  return { ...summary, latestRun };
}

/** A cluster's runs newest first; cursor = (at, id) of the last item. */
export async function readHistory(
  db: Db,
  name: string,
  opts: { from?: Date; to?: Date; cursor?: string; limit?: number },
): Promise<Page<RunSummary> | null> {
  const cur = decodeCursor(opts.cursor, z.tuple([z.number().int(), z.number().int()]));
  const c = (await db.all<{ id: number }>(sql`select id from clusters where name = ${name}`))[0];
  if (!c) return null;
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
  const conds = [sql`r.cluster_id = ${c.id}`];
  if (opts.from) conds.push(sql`r.at >= ${opts.from.getTime()}`);
  if (opts.to) conds.push(sql`r.at <= ${opts.to.getTime()}`);
  if (cur) conds.push(sql`(r.at < ${cur[0]} or (r.at = ${cur[0]} and r.id < ${cur[1]}))`);
  const rows: RunRow[] = await loadRuns(db, sql.join(conds, sql` and `), {
    orderBy: [sql`r.at desc`, sql`r.id desc`],
    limit: limit + 1,
  });
  const items = rows.slice(0, limit).map(toSummary);
  const last = rows[limit - 1];
  return rows.length > limit && last ? { items, nextCursor: encodeCursor([last.at, last.id]) } : { items };
}

function memo<K, V>(fn: (k: K) => V): (k: K) => V {
  const seen = new Map<K, V>();
  return (k) => {
    let v = seen.get(k);
    if (v === undefined) {
      v = fn(k);
      seen.set(k, v);
    }
    return v;
  };
}

const parseAts = (ats: string | null): number[] => (ats ? ats.split(',').map(Number) : []);

/** The newest run times (up to 5) of every cluster with runs, kept in the latest-state table. */
async function recentTimesByCluster(db: Db): Promise<Map<number, number[]>> {
  const rows = await db.all<{ id: number; ats: string }>(
    sql`select cluster_id as id, recent_ats as ats from latest_runs`,
  );
  return new Map(rows.map((r) => [r.id, parseAts(r.ats)]));
}

/** A cluster's latest run (the latest-state table) with the registry facts the fleet view shows, in select order. */
type FleetRunRow = [
  name: string,
  sweepId: string,
  at: number,
  status: number,
  nPass: number,
  nWarn: number,
  nFail: number,
  nError: number,
  nSkip: number,
  layers: string,
  ciliumVersion: string | null,
  provider: string | null,
  region: string | null,
  meshGroup: string | null,
  ats: string,
];

/** Latest run per cluster with its registry facts (from the latest-state table), and the last sweep. */
export async function fleetRows(db: Db): Promise<FleetRows> {
  const runs = await db.values<FleetRunRow>(sql`select c.name, l.sweep_id, l.at, l.status, l.n_pass, l.n_warn,
    l.n_fail, l.n_error, l.n_skip, l.layers, l.cilium_version, c.provider, c.region, c.mesh_group, l.recent_ats
    from clusters c join latest_runs l on l.cluster_id = c.id order by c.name`);
  const lastSweep = (
    await db.all<{ id: string; started_at: number; status: number | null }>(
      sql`select id, started_at, status from sweeps order by started_at desc, id desc limit 1`,
    )
  )[0];
  // Most clusters share their sweep's time and their layer verdicts: each distinct one is decoded once.
  const layersOf = memo(unpackLayers);
  const isoOf = memo(iso);
  const clusters = runs.map(
    ([
      name,
      sweepId,
      at,
      status,
      pass,
      warn,
      fail,
      error,
      skip,
      layers,
      version,
      provider,
      region,
      mesh,
      ats,
    ]) => ({
      item: {
        name,
        status: clusterStatusName(status),
        stale: false,
        lastCheckedAt: isoOf(at),
        sweepId,
        layers: { ...layersOf(layers) },
        counts: { pass, warn, fail, error, skip },
        ...(provider ? { provider } : {}),
        ...(region ? { region } : {}),
        ...(mesh ? { meshGroup: mesh } : {}),
        ...(version ? { ciliumVersion: version } : {}),
      },
      lastAt: at,
      recentRunTimes: parseAts(ats),
    }),
  );
  return {
    lastSweep: lastSweep
      ? {
          id: lastSweep.id,
          startedAt: iso(lastSweep.started_at),
          ...(lastSweep.status !== null ? { status: clusterStatusName(lastSweep.status) } : {}),
        }
      : null,
    clusters,
  };
}
