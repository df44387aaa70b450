import { type SQL, sql } from 'drizzle-orm';
import type { Baseline } from '../core/analysis/baseline.ts';
import type { RunForDiff } from '../core/analysis/regressions.ts';
import { FleetcheckError } from '../core/errors.ts';
import type {
  ClusterState,
  MetricFloors,
  MetricSamples,
  SweepPoint as SweepRef,
} from '../core/history/read-ports.ts';
import type { Db } from './client.ts';
import { clusterStatusName, statusName } from './codec.ts';
import { loadPairs, type RunRow } from './read-regression-runs.ts';

const hasRuns = sql`exists (select 1 from cluster_runs r where r.sweep_id = s.id)`;

async function sweepWhere(db: Db, where: SQL): Promise<SweepRef | undefined> {
  return (
    await db.all<SweepRef>(
      sql`select s.id, s.started_at as at from sweeps s where ${where} and ${hasRuns} order by s.started_at desc, s.id desc limit 1`,
    )
  )[0];
}

/** Resolves baseline and current sweeps; `current` defaults to the latest sweep with runs (≤ `until`). */
export async function resolveSweeps(
  db: Db,
  baseline: Baseline,
  until?: Date,
): Promise<{ current?: SweepRef; base?: SweepRef }> {
  const current = await sweepWhere(db, until ? sql`s.started_at <= ${until.getTime()}` : sql`1 = 1`);
  if (!current) return {};
  if (baseline === 'previous') {
    const base = await sweepWhere(
      db,
      sql`s.started_at <= ${current.at} and (s.started_at < ${current.at} or s.id < ${current.id})`,
    );
    return base ? { current, base } : { current };
  }
  if ('sweepId' in baseline) {
    const base = await sweepWhere(db, sql`s.id = ${baseline.sweepId}`);
    if (!base) throw new FleetcheckError('not-found', `unknown baseline sweep ${baseline.sweepId}`);
    return { current, base };
  }
  const base = await sweepWhere(db, sql`s.started_at <= ${baseline.at.getTime()} and s.id <> ${current.id}`);
  return base ? { current, base } : { current };
}

function forDiff(r: RunRow, results: Map<number, RunForDiff['results']>): RunForDiff {
  const out: RunForDiff = {
    cluster: r.name,
    status: clusterStatusName(r.status),
    results: results.get(r.id) ?? [],
  };
  if (r.error_code !== null) out.error = { code: r.error_code, message: r.error_message ?? '' };
  return out;
}

/**
 * Both regression sides as cluster states: the current sweep's runs (their results from the latest-state table
 * when they are their cluster's latest run) and each of those clusters' run at the baseline, only for the clusters
 * that can make a difference: a warn / error / fail or an error on either side, or a current metric at or above
 * its floor. The others (both sides all passing, no metric that can regress) are left out.
 */
export async function regressionStates(
  db: Db,
  current: SweepRef,
  base: SweepRef,
  opts: { cluster?: string; metricFloors: MetricFloors },
): Promise<{ current: ClusterState[]; base: ClusterState[] }> {
  const only = opts.cluster ? sql` and c.name = ${opts.cluster}` : sql``;
  const runs = await loadPairs(db, current, base, only, opts.metricFloors);
  const results = await loadLightResults(db, runsWithFindings(runs.cur, runs.base));
  return {
    current: runs.cur.map((r) => toState(r, results)),
    base: runs.base.map((r) => toState(r, results)),
  };
}

function toState(r: RunRow, results: Map<number, RunForDiff['results']>): ClusterState {
  const out: ClusterState = forDiff(r, results);
  if (r.rtt_p95 !== null) out.healthRttP95Ms = r.rtt_p95;
  if (r.ep_not_ready !== null) out.endpointsNotReady = r.ep_not_ready;
  return out;
}

/**
 * Up to 8 newest runs per cluster at or before the baseline, read from the covering (cluster, at, metrics) index:
 * the 8th newest time per cluster bounds one index range (no row lookups); ties at that bound are cut in order.
 */
async function baselineWindows(db: Db, clusters: readonly string[], baseAt: number) {
  const rows = await db.all<{ name: string; rtt_p95: number | null; ep_not_ready: number | null }>(sql`
    select c.name, r.rtt_p95, r.ep_not_ready from clusters c join cluster_runs r on r.cluster_id = c.id
      and r.at <= ${baseAt} and r.at >= coalesce((select r3.at from cluster_runs r3 where r3.cluster_id = c.id
        and r3.at <= ${baseAt} order by r3.at desc limit 1 offset 7), ${Number.MIN_SAFE_INTEGER})
    where c.name in ${listOf(clusters)} order by r.cluster_id, r.at desc`);
  const seen = new Map<string, number>();
  return rows.filter((r) => {
    const n = (seen.get(r.name) ?? 0) + 1;
    seen.set(r.name, n);
    return n <= 8;
  });
}

/** Per cluster, the metric values of its newest runs (up to 8) at or before `baseAt`. */
export async function metricBaselines(
  db: Db,
  clusters: readonly string[],
  baseAt: number,
): Promise<Map<string, MetricSamples>> {
  const out = new Map<string, MetricSamples>();
  if (clusters.length === 0) return out;
  for (const r of await baselineWindows(db, clusters, baseAt)) {
    const v = out.get(r.name) ?? { healthRttP95Ms: [], endpointsNotReady: [] };
    if (r.rtt_p95 !== null) v.healthRttP95Ms.push(r.rtt_p95);
    if (r.ep_not_ready !== null) v.endpointsNotReady.push(r.ep_not_ready);
    out.set(r.name, v);
  }
  return out;
}

/** Where a run's results are read: the latest-state table for a cluster's latest run, else its own rows. */
const fromLatest = (r: RunRow) => r.latest === 1;

/**
 * The runs whose results can make a regression or a recovery: a cluster's current and baseline runs both, when
 * either holds a warn / error / fail result (the run's own counts say so). An all-pass pair cannot differ in a way
 * that counts, so its results are never read (the cluster-level error moves come from the run rows).
 */
function runsWithFindings(curRuns: RunRow[], baseRuns: RunRow[]): RunRow[] {
  const all = [...curRuns, ...baseRuns];
  const clusters = new Set(all.filter((r) => r.findings === 1).map((r) => r.cluster_id));
  return all.filter((r) => clusters.has(r.cluster_id));
}

/** A list as one JSON parameter (`x in ${listOf(ids)}`): one statement text whatever its length, cached once. */
const listOf = (list: readonly (number | string)[]) =>
  sql`(select value from json_each(${JSON.stringify(list)}))`;

type LightValues = [
  runId: number,
  check: string,
  subject: string,
  status: number,
  messageId: number | null,
  hintId: number | null,
];

/**
 * The result rows of `runs` in seq order (latest runs from the latest-state table, the others from their own
 * rows), with their check and subject names, only for the (cluster, check, subject) keys where either side of the
 * cluster has a warn / error / fail (collected first from the findings indexes, a few rows): a key that passes or
 * skips on both sides can be neither a regression nor a recovery.
 */
async function loadLightRows(db: Db, runs: RunRow[]): Promise<LightValues[]> {
  const latest = runs.filter(fromLatest).map((r) => r.cluster_id);
  const others = runs.filter((r) => !fromLatest(r)).map((r) => r.id);
  const inLatest = listOf(latest);
  const inOthers = listOf(others);
  return db.values<LightValues>(sql`with keys as materialized (
      select cluster_id, check_id, subject_id from latest_results where cluster_id in ${inLatest} and status >= 2
      union all select r.cluster_id, cr.check_id, cr.subject_id from check_results cr join cluster_runs r on r.id = cr.run_id
        where cr.run_id in ${inOthers} and cr.status >= 2)
    select x.run_id, coalesce(k.name, '?'), coalesce(s.name, '?'), x.status, x.message_id, x.hint_id from (
      select l.seq, l.run_id, l.check_id, l.subject_id, l.status, l.message_id, l.hint_id from latest_results l
        where l.cluster_id in ${inLatest} and (l.cluster_id, l.check_id, l.subject_id) in keys
      union all select cr.seq, cr.run_id, cr.check_id, cr.subject_id, cr.status, cr.message_id, cr.hint_id
        from check_results cr join cluster_runs r on r.id = cr.run_id
        where cr.run_id in ${inOthers} and (r.cluster_id, cr.check_id, cr.subject_id) in keys) x
      left join checks k on k.id = x.check_id left join subjects s on s.id = x.subject_id
    order by x.run_id, x.seq`);
}

/** Results by run id; message / hint carry text ids (`#<id>`) until `readTexts`. */
async function loadLightResults(db: Db, runs: RunRow[]): Promise<Map<number, RunForDiff['results']>> {
  const out = new Map<number, RunForDiff['results']>();
  if (runs.length === 0) return out;
  for (const r of await loadLightRows(db, runs)) {
    const list = out.get(r[0]) ?? [];
    const result: RunForDiff['results'][number] = {
      check: r[1],
      subject: r[2],
      status: statusName(r[3]),
      message: r[4] === null ? '' : `#${r[4]}`,
    };
    if (r[5] !== null) result.hint = `#${r[5]}`;
    list.push(result);
    out.set(r[0], list);
  }
  return out;
}

/** The texts of `#<text id>` references. */
export async function readTexts(db: Db, refs: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(refs.filter((r) => r.startsWith('#')).map((r) => Number(r.slice(1))))];
  if (wanted.length === 0) return new Map();
  const rows = await db.all<{ id: number; body: string }>(
    sql`select id, body from texts where id in ${listOf(wanted)}`,
  );
  return new Map(rows.map((t) => [`#${t.id}`, t.body]));
}
