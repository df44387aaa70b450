import { type SQL, sql } from 'drizzle-orm';
import type { MetricFloors, SweepPoint } from '../core/history/read-ports.ts';
import type { Db } from './client.ts';

/** The columns of a run that regression analysis reads; `latest` when it is its cluster's latest run. */
export type RunRow = {
  id: number;
  cluster_id: number;
  name: string;
  status: number;
  rtt_p95: number | null;
  ep_not_ready: number | null;
  error_code: string | null;
  error_message: string | null;
  latest: number;
  findings: number;
};

type PairValues = [
  id: number,
  clusterId: number,
  name: string,
  status: number,
  rttP95: number | null,
  epNotReady: number | null,
  errorCode: string | null,
  errorMessage: string | null,
  latest: number,
  findings: number,
  baseId: number | null,
  baseStatus: number,
  baseErrorCode: string | null,
  baseErrorMessage: string | null,
  baseFindings: number,
];

/**
 * The current run of a pair, and its baseline run when the cluster has one (its metrics are not read). Read by index:
 * destructuring the row arrays allocated an iterator result per element, most of a request's garbage.
 */
function sides(v: PairValues): [RunRow, RunRow | undefined] {
  const cur: RunRow = {
    id: v[0],
    cluster_id: v[1],
    name: v[2],
    status: v[3],
    rtt_p95: v[4],
    ep_not_ready: v[5],
    error_code: v[6],
    error_message: v[7],
    latest: v[8],
    findings: v[9],
  };
  const baseId = v[10];
  if (baseId === null) return [cur, undefined];
  const base: RunRow = {
    id: baseId,
    cluster_id: v[1],
    name: v[2],
    status: v[11],
    rtt_p95: null,
    ep_not_ready: null,
    error_code: v[12],
    error_message: v[13],
    latest: 0,
    findings: v[14],
  };
  return [cur, base];
}

const findings = (r: string) => sql.raw(`${r}.n_warn + ${r}.n_error + ${r}.n_fail > 0`);

/**
 * Each current run with its cluster's run at the baseline (its newest at or before `base.at` outside the current
 * sweep), only for the clusters that can make a difference: a warn / error / fail or an error on either side, or a
 * current metric at or above its floor. A sweep's runs are stored at its start, so most clusters' baseline runs are
 * the runs stored at exactly `base.at` (the newest such per cluster): one range of the `at` index over rows stored
 * together. Only a cluster without one seeks down its own (cluster, at, id) index: 200 seeks touched a leaf page
 * each, and a cold request spent most of its time waiting for them.
 */
export async function loadPairs(
  db: Db,
  current: SweepPoint,
  base: SweepPoint,
  only: SQL,
  floors: MetricFloors,
): Promise<{ cur: RunRow[]; base: RunRow[] }> {
  const rows = await db.values<PairValues>(sql`with at_base as materialized (select cluster_id, max(id) as id
      from cluster_runs where at = ${base.at} and sweep_id <> ${current.id} group by cluster_id)
    select a.id, a.cluster_id, c.name, a.status, a.rtt_p95,
      a.ep_not_ready, a.error_code, a.error_message, a.id = c.last_run_id, ${findings('a')},
      b.id, b.status, b.error_code, b.error_message, ${findings('b')}
    from cluster_runs a join clusters c on c.id = a.cluster_id left join at_base x on x.cluster_id = a.cluster_id
      left join cluster_runs b on b.id = coalesce(x.id, (select r2.id from cluster_runs r2
        where r2.cluster_id = a.cluster_id and r2.at <= ${base.at} and r2.id <> a.id order by r2.at desc, r2.id desc
        limit 1))
    where a.sweep_id = ${current.id}${only} and (${findings('a')} or ${findings('b')} or a.error_code is not null
      or b.error_code is not null or a.rtt_p95 >= ${floors.healthRttP95Ms}
      or a.ep_not_ready >= ${floors.endpointsNotReady})`);
  const out: { cur: RunRow[]; base: RunRow[] } = { cur: [], base: [] };
  for (const row of rows) {
    const [cur, prior] = sides(row);
    out.cur.push(cur);
    if (prior) out.base.push(prior);
  }
  return out;
}
