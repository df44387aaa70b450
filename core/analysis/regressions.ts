import { isWorse, type Layer, type Outcome, type Status } from '../outcome.ts';
import type { ClusterReport } from '../sweep/report.ts';
import { layerOf, median } from './run-facts.ts';
import type { MetricRegression, Recovery, Regression } from './types.ts';

/** The part of a stored run that regression analysis compares. */
export interface RunForDiff {
  cluster: string;
  status: ClusterReport['status'];
  error?: { code: string; message: string };
  results: Pick<Outcome, 'check' | 'subject' | 'status' | 'message' | 'hint'>[];
}

/** Synthetic check id used when a whole cluster could (not) be evaluated. */
export const clusterCheck = 'cluster';

const key = (check: string, subject: string) => `${check}\u0000${subject}`;

/**
 * Regressions and recoveries between each cluster's baseline run and its current run: a status worse than in
 * the baseline (pass→warn/fail/error, warn→fail...), a new subject that is not passing (`from: 'absent'`), a
 * cluster that could no longer be evaluated; recoveries are the reverse moves. Skips never count.
 * @example diffRuns(new Map([['a', base]]), [cur]).regressions[0] // { cluster: 'a', from: 'pass', to: 'fail', ... }
 */
export function diffRuns(
  baseline: ReadonlyMap<string, RunForDiff>,
  current: readonly RunForDiff[],
  filter: { layer?: Layer } = {},
): { regressions: Regression[]; recoveries: Recovery[] } {
  const regressions: Regression[] = [];
  const recoveries: Recovery[] = [];
  const keep = (check: string) => !filter.layer || layerOf(check) === filter.layer;
  for (const cur of current) {
    const base = baseline.get(cur.cluster);
    const before = base?.results.length
      ? new Map(base.results.map((r) => [key(r.check, r.subject), r]))
      : undefined;
    for (const r of cur.results) {
      if (!keep(r.check)) continue;
      const b = before?.get(key(r.check, r.subject));
      const from = b?.status ?? (base?.error ? 'error' : 'absent');
      const regressed =
        from === 'absent'
          ? r.status === 'warn' || r.status === 'fail' || r.status === 'error'
          : isWorse(from, r.status);
      if (!regressed && !(b && from !== 'absent' && isWorse(r.status, b.status))) continue;
      if (regressed) regressions.push(regressionOf(cur.cluster, r, from));
      else if (b) recoveries.push(recoveryOf(cur.cluster, r, b.status));
    }
    if (filter.layer) continue;
    const item = { cluster: cur.cluster, check: clusterCheck, subject: 'cluster' };
    if (cur.error && base && !base.error) {
      regressions.push({
        ...item,
        from: base.status,
        to: 'error',
        message: `${cur.error.code}: ${cur.error.message}`,
        hint: 'the cluster could not be evaluated: check its API endpoint, credentials and network path',
      });
    } else if (!cur.error && base?.error) {
      recoveries.push({ ...item, from: 'error', to: cur.status });
    }
  }
  return { regressions: sortItems(regressions), recoveries: sortItems(recoveries) };
}

/**
 * The answer's items, keys in the answer's order, each built as one literal: spreading an optional `layer` into
 * every item cost microseconds apiece, most of a diff's time.
 */
function recoveryOf(cluster: string, r: RunForDiff['results'][number], from: Status): Recovery {
  const { check, subject, status: to } = r;
  const layer = layerOf(check);
  return layer ? { cluster, check, subject, layer, from, to } : { cluster, check, subject, from, to };
}

function regressionOf(
  cluster: string,
  r: RunForDiff['results'][number],
  from: Regression['from'],
): Regression {
  const { check, subject, status: to, message } = r;
  const layer = layerOf(check);
  const out: Regression = layer
    ? { cluster, check, subject, layer, from, to, message }
    : { cluster, check, subject, from, to, message };
  if (r.hint) out.hint = r.hint;
  return out;
}

function sortItems<T extends { cluster: string; check: string; subject: string }>(items: T[]): T[] {
  return items.sort(
    (x, y) =>
      x.cluster.localeCompare(y.cluster) ||
      x.check.localeCompare(y.check) ||
      x.subject.localeCompare(y.subject),
  );
}

/** Thresholds for metric regressions vs the baseline median. */
export const metricThresholds = {
  health_rtt_p95_ms: { ratio: 1.5, minDelta: 2 },
  endpoints_not_ready: { ratio: 1.5, minDelta: 3 },
} as const;

/**
 * A metric regression when the current value exceeds the baseline median by both the ratio and the minimum
 * delta of its threshold.
 * @example metricRegression('a', 'health_rtt_p95_ms', [1, 1.2, 1.1], 9) // { baselineMedian: 1.1, current: 9, ... }
 */
export function metricRegression(
  cluster: string,
  metric: MetricRegression['metric'],
  baselineValues: readonly number[],
  current: number | undefined,
): MetricRegression | undefined {
  const med = median(baselineValues);
  if (med === undefined || current === undefined) return undefined;
  const t = metricThresholds[metric];
  if (current - med < t.minDelta || current <= med * t.ratio) return undefined;
  return {
    cluster,
    metric,
    baselineMedian: med,
    current,
    threshold: `> ${t.ratio}× median and +${t.minDelta}`,
  };
}
