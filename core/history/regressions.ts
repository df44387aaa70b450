import type { Baseline } from '../analysis/baseline.ts';
import { diffRuns, metricRegression, metricThresholds } from '../analysis/regressions.ts';
import type { MetricRegression, RegressionReport } from '../analysis/types.ts';
import type { Layer } from '../outcome.ts';
import type { ClusterState, MetricFloors, MetricSamples, StateReader, SweepPoint } from './read-ports.ts';

export interface RegressionQuery {
  baseline: Baseline;
  /** With baseline 'previous': compare with the state at this time instead. */
  since?: Date;
  cluster?: string;
  layer?: Layer;
  /** The current side is the latest sweep at or before this time (default: the latest). */
  until?: Date;
}

/**
 * Regressions, recoveries and metric regressions of the current sweep against a baseline, from the two sides'
 * states (StateReader); message and hint texts are read only for the regressions found.
 * @example await regressions(store, { baseline: 'previous' }) // { baseline, current, regressions: [...], ... }
 */
export async function regressions(reader: StateReader, q: RegressionQuery): Promise<RegressionReport> {
  const baseline: Baseline = q.baseline === 'previous' && q.since ? { at: q.since } : q.baseline;
  const { current, base } = await reader.regressionSweeps(baseline, q.until);
  const empty = { regressions: [], recoveries: [], metricRegressions: [] };
  if (!current) return { baseline: null, current: null, ...empty };
  const ref = (s: SweepPoint) => ({ sweepId: s.id, at: new Date(s.at).toISOString() });
  if (!base) return { baseline: null, current: ref(current), ...empty };
  if (base.id === current.id) return { baseline: ref(base), current: ref(current), ...empty };
  const states = await reader.regressionStates(current, base, {
    ...(q.cluster ? { cluster: q.cluster } : {}),
    metricFloors,
  });
  const diff = diffRuns(
    new Map(states.base.map((s) => [s.cluster, s])),
    states.current,
    q.layer ? { layer: q.layer } : {},
  );
  const texts = await reader.texts(
    diff.regressions.flatMap((r) => (r.hint ? [r.message, r.hint] : [r.message])),
  );
  for (const r of diff.regressions) {
    if (r.message.startsWith('#')) r.message = texts.get(r.message) ?? '';
    if (r.hint?.startsWith('#')) r.hint = texts.get(r.hint) ?? '';
  }
  const metricRegressions =
    q.layer && q.layer !== 'node'
      ? []
      : metricRegressionsOf(
          states.current,
          await reader.metricBaselines(
            states.current.filter(canRegress).map((s) => s.cluster),
            base.at,
          ),
        );
  return { baseline: ref(base), current: ref(current), ...diff, metricRegressions };
}

/**
 * The current values a metric regression needs at least: one needs current ≥ baseline median + minDelta, and both
 * metrics (a latency, a count of endpoints) are never negative, so neither is their median.
 */
const metricFloors: MetricFloors = {
  healthRttP95Ms: metricThresholds.health_rtt_p95_ms.minDelta,
  endpointsNotReady: metricThresholds.endpoints_not_ready.minDelta,
};

/** A cluster whose current metrics can be a regression at all (see `metricFloors`). */
const canRegress = (s: ClusterState) =>
  (s.healthRttP95Ms ?? Number.NEGATIVE_INFINITY) >= metricFloors.healthRttP95Ms ||
  (s.endpointsNotReady ?? Number.NEGATIVE_INFINITY) >= metricFloors.endpointsNotReady;

function metricRegressionsOf(
  current: readonly ClusterState[],
  baselines: ReadonlyMap<string, MetricSamples>,
): MetricRegression[] {
  const out: MetricRegression[] = [];
  for (const s of current) {
    const v = baselines.get(s.cluster);
    if (!v) continue;
    const rtt = metricRegression(s.cluster, 'health_rtt_p95_ms', v.healthRttP95Ms, s.healthRttP95Ms);
    const ep = metricRegression(s.cluster, 'endpoints_not_ready', v.endpointsNotReady, s.endpointsNotReady);
    if (rtt) out.push(rtt);
    if (ep) out.push(ep);
  }
  return out.sort((a, b) => a.cluster.localeCompare(b.cluster) || a.metric.localeCompare(b.metric));
}
