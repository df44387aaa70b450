import { LAYERS } from '../../core/layers.ts';
import { groupVerdict, type Layer, type Outcome, type Status } from '../../core/outcome.ts';

/** The layer of a check id (`node.health.latency` → `node`). */
function layerOf(check: string): string {
  return check.split('.', 1)[0] ?? check;
}

/**
 * Per-layer verdict of a cluster's results: the worst counted status, `skip` when the layer only skipped,
 * undefined when it has no result at all.
 */
export function layerVerdicts(results: Outcome[]): Partial<Record<Layer, Status>> {
  const by = new Map<string, Status[]>();
  for (const r of results) {
    const l = layerOf(r.check);
    by.set(l, [...(by.get(l) ?? []), r.status]);
  }
  const out: Partial<Record<Layer, Status>> = {};
  for (const layer of LAYERS) {
    const statuses = by.get(layer);
    if (!statuses) continue;
    out[layer] = groupVerdict(statuses);
  }
  return out;
}
