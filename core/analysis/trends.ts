import type { TrendMetric, TrendSeries } from './types.ts';

/**
 * Sums over one bucket of one key (a cluster, a group or the fleet), from the per-cluster rollups:
 * `clustersFailing` = clusters with a failing run, `epMeanSum` = sum over clusters of their per-run mean of
 * endpoints not ready (`epClusters` = clusters with that metric).
 */
export interface BucketSums {
  key: string;
  bucket: number;
  runs: number;
  pass: number;
  warn: number;
  fail: number;
  error: number;
  clustersFailing: number;
  rttSum: number;
  rttN: number;
  epMeanSum: number;
  epClusters: number;
}

export const bucketMs = { hour: 3_600_000, day: 86_400_000 } as const;

/** Start of the UTC hour / day containing `t`. */
export function bucketStart(t: number, bucket: 'hour' | 'day'): number {
  return Math.floor(t / bucketMs[bucket]) * bucketMs[bucket];
}

/**
 * Trend series from bucket sums, one series per key (cluster, group or `fleet`), with a point for
 * every bucket in [from, to) (null where no data). pass_rate = pass / (pass+warn+fail+error); failures / errors
 * = result counts; health_rtt_p95_ms = mean of the runs' p95; endpoints_not_ready = sum over clusters of the
 * per-run mean; clusters_failing = clusters with a failing run in the bucket.
 */
export function trendSeries(
  rows: readonly BucketSums[],
  q: { metric: TrendMetric; bucket: 'hour' | 'day'; from: number; to: number },
): TrendSeries[] {
  const byKey = new Map<string, Map<number, BucketSums[]>>();
  for (const r of rows) {
    const buckets = byKey.get(r.key) ?? new Map<number, BucketSums[]>();
    byKey.set(r.key, buckets);
    const list = buckets.get(r.bucket) ?? [];
    list.push(r);
    buckets.set(r.bucket, list);
  }
  const step = bucketMs[q.bucket];
  const out: TrendSeries[] = [];
  for (const [key, buckets] of [...byKey].sort((a, b) => a[0].localeCompare(b[0]))) {
    const points: TrendSeries['points'] = [];
    for (let t = bucketStart(q.from, q.bucket); t < q.to; t += step) {
      const list = buckets.get(t);
      points.push({ t: new Date(t).toISOString(), value: list ? metricValue(q.metric, list) : null });
    }
    out.push({ key, metric: q.metric, bucket: q.bucket, points });
  }
  return out;
}

function sum(list: readonly BucketSums[], f: (r: BucketSums) => number): number {
  return list.reduce((acc, r) => acc + f(r), 0);
}

/** The value of one metric over one bucket's rows. */
export function metricValue(metric: TrendMetric, list: readonly BucketSums[]): number | null {
  switch (metric) {
    case 'pass_rate': {
      const counted = sum(list, (r) => r.pass + r.warn + r.fail + r.error);
      return counted === 0 ? null : sum(list, (r) => r.pass) / counted;
    }
    case 'failures':
      return sum(list, (r) => r.fail);
    case 'errors':
      return sum(list, (r) => r.error);
    case 'health_rtt_p95_ms': {
      const n = sum(list, (r) => r.rttN);
      return n === 0 ? null : sum(list, (r) => r.rttSum) / n;
    }
    case 'endpoints_not_ready':
      return sum(list, (r) => r.epClusters) === 0 ? null : sum(list, (r) => r.epMeanSum);
    case 'clusters_failing':
      return sum(list, (r) => r.clustersFailing);
  }
}
