import {
  countResults,
  endpointsNotReady,
  healthRttP95,
  layerOf,
  layerStatuses,
  meshGroupOf,
} from '../analysis/run-facts.ts';
import type { ClusterReport } from '../sweep/report.ts';
import type { FactedRun, RunFacts } from './ports.ts';

/**
 * The facts the store keeps beside a run: result counts, worst status per layer, health RTT p95, endpoints not
 * ready, mesh group and each check's layer.
 * @example runFacts(report).counts // { pass: 12, warn: 1, fail: 0, error: 0, skip: 2 }
 */
function runFacts(r: ClusterReport): RunFacts {
  const checkLayers: RunFacts['checkLayers'] = {};
  for (const o of r.results) {
    const layer = layerOf(o.check);
    if (layer) checkLayers[o.check] = layer;
  }
  const facts: RunFacts = { counts: countResults(r.results), layers: layerStatuses(r.results), checkLayers };
  const rtt = healthRttP95(r);
  if (rtt !== undefined) facts.healthRttP95Ms = rtt;
  const ep = endpointsNotReady(r);
  if (ep !== undefined) facts.endpointsNotReady = ep;
  const group = meshGroupOf(r);
  if (group !== undefined) facts.meshGroup = group;
  return facts;
}

/** The run with its facts, as the store takes it. */
export const facted = (report: ClusterReport): FactedRun => ({ report, facts: runFacts(report) });
