import { type Layer, layerSchema, type Outcome, severityOf } from '../outcome.ts';
import type { ClusterReport } from '../sweep/report.ts';
import type { LayerStatuses, StatusCounts } from './types.ts';

const layers = layerSchema.options;

/** The layer of a check id (`layer.area.name`), if it names one. */
export function layerOf(check: string): Layer | undefined {
  const head = check.split('.')[0];
  return layers.find((l) => l === head);
}

/** Counts of results by status. */
export function countResults(results: readonly Pick<Outcome, 'status'>[]): StatusCounts {
  const c: StatusCounts = { pass: 0, warn: 0, fail: 0, error: 0, skip: 0 };
  for (const r of results) c[r.status] += 1;
  return c;
}

/** Worst status per layer (skips ignored; a layer with only skips is absent). */
export function layerStatuses(results: readonly Pick<Outcome, 'status' | 'check'>[]): LayerStatuses {
  const out: LayerStatuses = {};
  for (const r of results) {
    const l = layerOf(r.check);
    if (!l || r.status === 'skip') continue;
    const cur = out[l];
    if (!cur || severityOf(r.status) > severityOf(cur)) out[l] = r.status;
  }
  return out;
}

/** p-quantile (0..1) of numbers by nearest rank; undefined when empty. */
export function quantile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((x, y) => x - y);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[idx];
}

/** Median of numbers (mean of the two middle ones); undefined when empty. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/**
 * Health RTT p95 of a run: the largest `rttP95Ms` metric of node.health.latency, else the p95 of the
 * successful health-link RTTs.
 */
export function healthRttP95(run: Pick<ClusterReport, 'results' | 'healthLinks'>): number | undefined {
  const fromMetric = run.results
    .filter((r) => r.check === 'node.health.latency')
    .map((r) => r.metrics?.rttP95Ms)
    .filter((v): v is number => typeof v === 'number');
  if (fromMetric.length > 0) return Math.max(...fromMetric);
  const rtts = (run.healthLinks ?? []).filter((l) => l.ok && l.rttMs !== undefined).map((l) => l.rttMs ?? 0);
  return quantile(rtts, 0.95);
}

const goodStates = /^(ready|total|threshold|warn|fail)/i;

/**
 * Endpoints not ready in a run, from node.endpoints.state metrics: `notReady` when present, else the sum
 * of the per-state counts other than ready/total.
 */
export function endpointsNotReady(run: Pick<ClusterReport, 'results'>): number | undefined {
  const rows = run.results.filter((r) => r.check === 'node.endpoints.state' && r.metrics);
  if (rows.length === 0) return undefined;
  let total = 0;
  for (const r of rows) {
    const m = r.metrics ?? {};
    if (typeof m.notReady === 'number') total += m.notReady;
    else for (const [k, v] of Object.entries(m)) if (!goodStates.test(k)) total += v;
  }
  return total;
}

/** The mesh group of a cluster: a `mesh`/`meshGroup`/`mesh-group` label, else its sorted configured mesh set. */
export function meshGroupOf(run: Pick<ClusterReport, 'name' | 'labels' | 'mesh'>): string | undefined {
  const l = run.labels ?? {};
  const label = l.meshGroup ?? l['mesh-group'] ?? l.mesh ?? l['fleetcheck.io/mesh-group'];
  if (label) return label;
  const peers = (run.mesh ?? []).filter((v) => v.configured).map((v) => v.peer);
  if (peers.length === 0) return undefined;
  return [run.name, ...peers].sort()[0];
}
