import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ClusterDetail, ClusterSummary, Page, RunSummary } from '../core/analysis/types.ts';
import type { FleetRows, Staleable } from '../core/history/read-ports.ts';
import type { Db } from './client.ts';
import { clusterStatusName, decodeCursor, encodeCursor, iso } from './codec.ts';
import { loadLinks, loadMesh, loadResults, loadRuns, type RunRow, toReport, toSummary } from './read-run.ts';

interface ClusterRow {
  id: number;
  name: string;
  provider: string | null;
  region: string | null;
  account: string | null;
  labels: string;
  mesh_group: string | null;
  cilium_version: string | null;
  cilium_cluster_id: number | null;
  first_seen: number;
  last_seen: number;
  last_run_id: number | null;
  last_status: number | null;
  last_sweep: string | null;
}

const clusterSelect = sql`select c.*, r.status as last_status, r.sweep_id as last_sweep from clusters c
  left join cluster_runs r on r.id = c.last_run_id`;

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
    firstSeen: iso(c.first_seen),
    lastSeen: iso(c.last_seen),
    stale: false,
  };
  if (c.provider !== null) s.provider = c.provider;
  if (c.region !== null) s.region = c.region;
  if (c.account !== null) s.account = c.account;
  if (c.mesh_group !== null) s.meshGroup = c.mesh_group;
  if (c.cilium_version !== null) s.ciliumVersion = c.cilium_version;
  if (c.cilium_cluster_id !== null) s.clusterId = c.cilium_cluster_id;
  if (c.last_status !== null) s.lastStatus = clusterStatusName(c.last_status);
  if (c.last_sweep !== null) s.lastSweepId = c.last_sweep;
  return s;
}

/** Registry rows by name, cursor = last name. */
export async function clusterRows(
  db: Db,
  opts: { cursor?: string; limit?: number },
): Promise<Page<Staleable<ClusterSummary>>> {
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
  const after = decodeCursor(opts.cursor, z.string());
  const rows = await db.all<ClusterRow>(
    sql`${clusterSelect} where ${after === undefined ? sql`1 = 1` : sql`c.name > ${after}`} order by c.name limit ${limit + 1}`,
  );
  const recent = await recentTimesByCluster(db);
  const items = rows.slice(0, limit).map((c) => ({
    item: toClusterSummary(c),
    lastAt: c.last_seen,
    recentRunTimes: recent.get(c.id) ?? [],
  }));
  const last = rows[limit - 1];
  return rows.length > limit && last ? { items, nextCursor: encodeCursor(last.name) } : { items };
}

/** One cluster with its latest run in full. */
export async function clusterRow(db: Db, name: string): Promise<Staleable<ClusterDetail> | null> {
  const c = (await db.all<ClusterRow>(sql`${clusterSelect} where c.name = ${name}`))[0];
  if (!c) return null;
  const stale = { lastAt: c.last_seen, recentRunTimes: await recentTimes(db, c.id) };
  return { item: await withLatestRun(db, c), ...stale };
}

async function withLatestRun(db: Db, c: ClusterRow): Promise<ClusterDetail> {
  const summary = toClusterSummary(c);
  const run = c.last_run_id === null ? undefined : (await loadRuns(db, sql`r.id = ${c.last_run_id}`))[0];
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
  const rows: RunRow[] = await loadRuns(
    db,
    sql.join(conds, sql` and `),
    sql`order by r.at desc, r.id desc limit ${limit + 1}`,
  );
  const items = rows.slice(0, limit).map(toSummary);
  const last = rows[limit - 1];
  return rows.length > limit && last ? { items, nextCursor: encodeCursor([last.at, last.id]) } : { items };
}

/** The newest run times (up to 5) of cluster `c`, comma-separated, from the covering (cluster, at) index. */
const recentAts = sql`(select group_concat(x.at) from (select r2.at from cluster_runs r2 where r2.cluster_id = c.id
  order by r2.at desc limit 5) x)`;

const parseAts = (ats: string | null): number[] => (ats ? ats.split(',').map(Number) : []);

/** The newest run times (up to 5) of every cluster, in one statement (one index range per cluster). */
async function recentTimesByCluster(db: Db): Promise<Map<number, number[]>> {
  const rows = await db.all<{ id: number; ats: string | null }>(
    sql`select c.id, ${recentAts} as ats from clusters c`,
  );
  return new Map(rows.map((r) => [r.id, parseAts(r.ats)]));
}

/** A cluster's latest run with the registry facts the fleet view shows (no text joins). */
type FleetRunRow = Omit<RunRow, 'meta' | 'config' | 'cilium_cluster_id'> & {
  provider: string | null;
  region: string | null;
  mesh_group: string | null;
  ats: string | null;
};

/** Latest run per cluster with its registry facts, and the last sweep. */
export async function fleetRows(db: Db): Promise<FleetRows> {
  const runs = await db.all<FleetRunRow>(sql`select r.id, r.sweep_id, r.cluster_id, c.name, r.at, r.status,
    r.duration_ms, r.n_pass, r.n_warn, r.n_fail, r.n_error, r.n_skip, r.layers, r.rtt_p95, r.ep_not_ready,
    r.cilium_version, r.error_code, r.error_message, c.provider, c.region, c.mesh_group, ${recentAts} as ats
    from clusters c join cluster_runs r on r.id = c.last_run_id order by c.name`);
  const lastSweep = (
    await db.all<{ id: string; started_at: number; status: number | null }>(
      sql`select id, started_at, status from sweeps order by started_at desc, id desc limit 1`,
    )
  )[0];
  const clusters = runs.map((r) => {
    const s = toSummary(r);
    return {
      item: {
        name: r.name,
        status: s.status,
        stale: false,
        lastCheckedAt: s.at,
        sweepId: r.sweep_id,
        layers: s.layers,
        counts: s.counts,
        ...(r.provider ? { provider: r.provider } : {}),
        ...(r.region ? { region: r.region } : {}),
        ...(r.mesh_group ? { meshGroup: r.mesh_group } : {}),
        ...(r.cilium_version ? { ciliumVersion: r.cilium_version } : {}),
      },
      lastAt: r.at,
      recentRunTimes: parseAts(r.ats),
    };
  });
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
