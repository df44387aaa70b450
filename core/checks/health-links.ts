import {
  bareNodeName,
  endpointPath,
  type HealthStatus,
  type PathStatus,
  probeState,
} from '../cilium/health-json.ts';
import type { NodeLink } from '../sweep/report.ts';
import type { AgentOutput } from './agent-exec.ts';

function pathLinks(
  from: string,
  to: string,
  target: NodeLink['target'],
  path: PathStatus | undefined,
): NodeLink[] {
  if (!path) return [];
  const links: NodeLink[] = [];
  for (const probe of ['icmp', 'http'] as const) {
    const c = path[probe];
    const state = probeState(c);
    if (state === 'unknown' || !c) continue;
    if (state === 'ok') links.push({ from, to, target, probe, ok: true, rttMs: c.latency / 1e6 });
    else links.push({ from, to, target, probe, ok: false, error: c.status });
  }
  return links;
}

/**
 * The measured node → node paths (host and health endpoint, ICMP and HTTP) from every agent that answered;
 * paths to itself and probes without a result yet are left out.
 */
export function healthLinks(outs: AgentOutput<HealthStatus>[]): NodeLink[] {
  const links: NodeLink[] = [];
  for (const o of outs) {
    if (o.kind !== 'ok') continue;
    const local = o.value.local?.name ? bareNodeName(o.value.local.name) : o.node;
    for (const n of o.value.nodes ?? []) {
      const to = bareNodeName(n.name);
      if (to === local) continue;
      links.push(...pathLinks(local, to, 'host', n.host?.['primary-address']));
      links.push(...pathLinks(local, to, 'endpoint', endpointPath(n)));
    }
  }
  return links;
}

/** Percentile (nearest-rank) of a list of numbers; undefined when empty. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

/** Milliseconds rounded to microseconds, for metrics. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
