import { eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type { RunSummary } from '../core/analysis/types.ts';
import type { Outcome } from '../core/outcome.ts';
import type { ClusterReport, MeshView, NodeLink } from '../core/sweep/report.ts';
import type { Db } from './client.ts';
import { clusterStatusName, iso, type RunMeta, statusName, unpackLayers } from './codec.ts';
import { clusterRunsTable, clustersTable, textsTable } from './schema/index.ts';

const configSchema = z.record(z.string(), z.string());

const runs = alias(clusterRunsTable, 'r');
const runCluster = alias(clustersTable, 'c');
const metaText = alias(textsTable, 'm');
const configText = alias(textsTable, 'cf');

/** A cluster_runs row joined with its cluster name and meta/config texts. */
export type RunRow = typeof clusterRunsTable.$inferSelect & {
  name: string;
  meta: string | null;
  config: string | null;
};

/** Runs matching a condition on `r` (cluster_runs) / `c` (clusters), in `orderBy` order. */
export function loadRuns(
  db: Db,
  where: SQL,
  opts: { orderBy?: SQL[]; limit?: number } = {},
): Promise<RunRow[]> {
  const q = db.orm
    .select({ ...getTableColumns(runs), name: runCluster.name, meta: metaText.body, config: configText.body })
    .from(runs)
    .innerJoin(runCluster, eq(runCluster.id, runs.clusterId))
    .leftJoin(metaText, eq(metaText.id, runs.metaId))
    .leftJoin(configText, eq(configText.id, runs.configId))
    .where(where)
    .orderBy(...(opts.orderBy ?? []));
  return opts.limit === undefined ? q : q.limit(opts.limit);
}

/** A sweep's runs rebuilt as reports, in the plan's cluster order (unplanned clusters last, by run id). */
export async function sweepReports(
  db: Db,
  sweepId: string,
  planned: readonly string[],
): Promise<ClusterReport[]> {
  const rows = await loadRuns(db, eq(runs.sweepId, sweepId), { orderBy: [sql`${runs.id}`] });
  const pos = (n: string) => {
    const i = planned.indexOf(n);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  rows.sort((a, b) => pos(a.name) - pos(b.name) || a.id - b.id);
  return loadReports(db, rows);
}

const idList = (ids: readonly number[]) =>
  sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  );

function group<T extends { run_id: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.run_id) ?? [];
    list.push(r);
    out.set(r.run_id, list);
  }
  return out;
}

interface ResultRow {
  run_id: number;
  check_name: string;
  subject: string;
  status: number;
  message: string | null;
  hint: string | null;
  evidence: string | null;
  metrics: string | null;
}

/** Results of the given runs, in stored order. */
export async function loadResults(db: Db, runIds: readonly number[]): Promise<Map<number, Outcome[]>> {
  if (runIds.length === 0) return new Map();
  const rows = await db.all<ResultRow>(sql`select r.run_id, k.name as check_name, s.name as subject, r.status,
    m.body as message, h.body as hint, e.body as evidence, r.metrics from check_results r
    join checks k on k.id = r.check_id join subjects s on s.id = r.subject_id
    left join texts m on m.id = r.message_id left join texts h on h.id = r.hint_id
    left join texts e on e.id = r.evidence_id where r.run_id in (${idList(runIds)}) order by r.run_id, r.seq`);
  const out = new Map<number, Outcome[]>();
  for (const [runId, list] of group(rows)) {
    out.set(
      runId,
      list.map((r) => {
        const o: Outcome = {
          check: r.check_name,
          subject: r.subject,
          status: statusName(r.status),
          message: r.message ?? '',
        };
        if (r.hint !== null) o.hint = r.hint;
        if (r.evidence !== null) o.evidence = JSON.parse(r.evidence) as Record<string, unknown>;
        if (r.metrics !== null) o.metrics = JSON.parse(r.metrics) as Record<string, number>;
        return o;
      }),
    );
  }
  return out;
}

interface LinkRow {
  run_id: number;
  src: string;
  dst: string;
  target: number;
  probe: number;
  ok: number;
  rtt_ms: number | null;
  error: string | null;
}

export async function loadLinks(db: Db, runIds: readonly number[]): Promise<Map<number, NodeLink[]>> {
  if (runIds.length === 0) return new Map();
  const rows =
    await db.all<LinkRow>(sql`select l.run_id, f.name as src, t.name as dst, l.target, l.probe, l.ok,
    l.rtt_ms, e.body as error from node_links l join subjects f on f.id = l.from_id
    join subjects t on t.id = l.to_id left join texts e on e.id = l.error_id
    where l.run_id in (${idList(runIds)}) order by l.run_id, l.seq`);
  const out = new Map<number, NodeLink[]>();
  for (const [runId, list] of group(rows)) {
    out.set(
      runId,
      list.map((l) => {
        const link: NodeLink = {
          from: l.src,
          to: l.dst,
          target: l.target === 0 ? 'host' : 'endpoint',
          probe: l.probe === 0 ? 'icmp' : 'http',
          ok: l.ok === 1,
        };
        if (l.rtt_ms !== null) link.rttMs = l.rtt_ms;
        if (l.error !== null) link.error = l.error;
        return link;
      }),
    );
  }
  return out;
}

interface MeshRow {
  run_id: number;
  peer: string;
  configured: number;
  agents_reporting: number;
  agents_ready: number;
  agents_sampled: number;
  ready: number;
  num_nodes: number | null;
  num_endpoints: number | null;
  num_failures: number | null;
  last_failure: string | null;
  message: string | null;
}

export async function loadMesh(db: Db, runIds: readonly number[]): Promise<Map<number, MeshView[]>> {
  if (runIds.length === 0) return new Map();
  const rows = await db.all<MeshRow>(sql`select l.run_id, p.name as peer, l.configured, l.agents_reporting,
    l.agents_ready, l.agents_sampled, l.ready, l.num_nodes, l.num_endpoints, l.num_failures, l.last_failure,
    m.body as message from mesh_links l join subjects p on p.id = l.peer_id left join texts m on m.id = l.message_id
    where l.run_id in (${idList(runIds)}) order by l.run_id, l.seq`);
  const out = new Map<number, MeshView[]>();
  for (const [runId, list] of group(rows)) {
    out.set(
      runId,
      list.map((m) => {
        const v: MeshView = {
          peer: m.peer,
          configured: m.configured === 1,
          agentsReporting: m.agents_reporting,
          agentsReady: m.agents_ready,
          agentsSampled: m.agents_sampled,
          ready: m.ready === 1,
        };
        if (m.num_nodes !== null) v.numNodes = m.num_nodes;
        if (m.num_endpoints !== null) v.numEndpoints = m.num_endpoints;
        if (m.num_failures !== null) v.numFailures = m.num_failures;
        if (m.last_failure !== null) v.lastFailure = m.last_failure;
        if (m.message !== null) v.message = m.message;
        return v;
      }),
    );
  }
  return out;
}

/** The columns of a run a history entry shows. */
export type SummaryRow = Pick<
  RunRow,
  | 'sweepId'
  | 'at'
  | 'status'
  | 'durationMs'
  | 'nPass'
  | 'nWarn'
  | 'nFail'
  | 'nError'
  | 'nSkip'
  | 'layers'
  | 'rttP95'
  | 'epNotReady'
  | 'errorCode'
  | 'errorMessage'
>;

/** A run row as a history entry. */
export function toSummary(r: SummaryRow): RunSummary {
  const s: RunSummary = {
    sweepId: r.sweepId,
    at: iso(r.at),
    status: clusterStatusName(r.status),
    durationMs: r.durationMs,
    counts: { pass: r.nPass, warn: r.nWarn, fail: r.nFail, error: r.nError, skip: r.nSkip },
    layers: unpackLayers(r.layers),
  };
  if (r.rttP95 !== null) s.healthRttP95Ms = r.rttP95;
  if (r.epNotReady !== null) s.endpointsNotReady = r.epNotReady;
  if (r.errorCode !== null) s.error = { code: r.errorCode, message: r.errorMessage ?? '' };
  return s;
}

/** Rebuilds the ClusterReport exactly as it was saved. */
export function toReport(
  r: RunRow,
  results: Outcome[] = [],
  links: NodeLink[] = [],
  mesh: MeshView[] = [],
): ClusterReport {
  const meta = JSON.parse(r.meta ?? '{}') as RunMeta;
  const out: ClusterReport = {
    name: r.name,
    status: clusterStatusName(r.status),
    durationMs: r.durationMs,
    results,
  };
  if (meta.provider !== undefined) out.provider = meta.provider;
  if (meta.region !== undefined) out.region = meta.region;
  if (meta.account !== undefined) out.account = meta.account;
  if (meta.labels !== undefined) out.labels = meta.labels;
  if (r.ciliumVersion !== null) out.ciliumVersion = r.ciliumVersion;
  if (r.ciliumClusterId !== null) out.clusterId = r.ciliumClusterId;
  if (r.config !== null) out.config = configSchema.parse(JSON.parse(r.config));
  if (r.errorCode !== null) out.error = { code: r.errorCode, message: r.errorMessage ?? '' };
  if (meta.hasLinks) out.healthLinks = links;
  if (meta.hasMesh) out.mesh = mesh;
  return out;
}

/** Full reports of the given runs. */
async function loadReports(db: Db, rows: RunRow[]): Promise<ClusterReport[]> {
  const ids = rows.map((r) => r.id);
  const [results, links, mesh] = await Promise.all([
    loadResults(db, ids),
    loadLinks(db, ids),
    loadMesh(db, ids),
  ]);
  return rows.map((r) => toReport(r, results.get(r.id), links.get(r.id), mesh.get(r.id)));
}
