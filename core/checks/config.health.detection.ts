import { parseGoDurationMs } from '../cilium/go-duration.ts';
import {
  hasSizedProbeInterval,
  healthBaseIntervalSeconds,
  probeIntervalSecondsFor,
} from '../cilium/probe-interval.ts';
import type { Outcome } from '../outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { outcomes } from './outcomes.ts';

const ID = 'config.health.detection';
const o = outcomes(ID);
const SIZED_HINT =
  'Lower `connectivity-probe-frequency-ratio` (interval = (10 + ratio × 100) s × ln(1 + IPs)), split the mesh, or raise the budget; do not drive failover from cilium-health alone.';
const FIXED_HINT =
  'This Cilium version probes every path on a fixed 60 s ticker (`connectivity-probe-frequency-ratio` arrives in 1.18): raise the budget above 60 s; do not drive failover from cilium-health alone.';

function reportedIntervalSeconds(v: string | number | undefined): number | undefined {
  const seconds = secondsOf(v);
  return seconds !== undefined && seconds > 0 ? seconds : undefined;
}

function secondsOf(v: string | number | undefined): number | undefined {
  if (typeof v === 'number') return v > 1e6 ? v / 1e9 : v;
  if (typeof v !== 'string') return undefined;
  const ms = parseGoDurationMs(v);
  if (ms !== null) return ms / 1000;
  return /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined;
}

/**
 * Cilium 1.18+ spreads one cilium-health probe round over (10 + ratio × 100) s × ln(1 + probed IPs) (60 s base, not
 * 30 s): on a big cluster or mesh a lost node or peer goes unnoticed for minutes, and failover acts on stale health.
 * Before 1.18 every path is probed on a fixed 60 s ticker, whatever the cluster size.
 */
export const configHealthDetection: CheckDefinition = {
  id: ID,
  layer: 'config',
  doc: "The effective cilium-health probe interval (reported probeInterval; else 60 s × ln(1 + probed IPs) on 1.18+, a fixed 60 s before) fits the fleet's detection budget.",
  doing: 'estimate the health probe interval',
  async run(facts): Promise<Outcome[]> {
    const budget = facts.settings.detectionBudgetSeconds;
    const [config, nodes, health, views, version] = await Promise.all([
      facts.ciliumConfig(),
      facts.nodes(),
      facts.agentHealth(),
      facts.meshViews(),
      facts.ciliumVersion().catch(() => undefined),
    ]);
    if (config?.['enable-health-checking'] === 'false') {
      const hint =
        'Node and peer loss is never probed by Cilium: enable `healthChecking` (and `endpointHealthChecking`) in the Helm values or accept relying on other monitoring.';
      return [o.warn('cluster', 'cilium-health checking is disabled (enable-health-checking=false)', hint)];
    }
    const reported = health
      .flatMap((h) => (h.kind === 'ok' ? [reportedIntervalSeconds(h.value.probeInterval)] : []))
      .filter((x): x is number => x !== undefined);
    const remoteNodes = views.reduce((n, v) => n + (v.numNodes ?? 0), 0);
    const probedIPs = 2 * (nodes.length + remoteNodes);
    const ratioText = config?.['connectivity-probe-frequency-ratio'];
    const ratio = ratioText !== undefined && !Number.isNaN(Number(ratioText)) ? Number(ratioText) : 0.5;
    const sized = version === undefined || hasSizedProbeInterval(version);
    const interval =
      reported.length > 0 ? Math.max(...reported) : probeIntervalSecondsFor(version, probedIPs, ratio);
    const source =
      reported.length > 0
        ? 'reported by cilium-health'
        : sized
          ? `modelled: ${healthBaseIntervalSeconds(ratio)} s × ln(1 + ${probedIPs} probed IPs)`
          : `fixed 60 s ticker of Cilium ${version} (< 1.18)`;
    const metrics = {
      probeIntervalSeconds: Math.round(interval * 10) / 10,
      budgetSeconds: budget,
      probedIPs,
    };
    const evidence = { source, localNodes: nodes.length, remoteNodes };
    const text = `health probe interval ${metrics.probeIntervalSeconds} s (${source})`;
    if (interval <= budget)
      return [o.pass('cluster', `${text} within the ${budget} s budget`, { metrics, evidence })];
    const mesh = remoteNodes > 0 ? ` (${remoteNodes} remote mesh nodes are probed too)` : '';
    const message = `${text} exceeds the ${budget} s detection budget${mesh}: a lost node or peer can go unnoticed that long`;
    return [o.warn('cluster', message, sized ? SIZED_HINT : FIXED_HINT, { metrics, evidence })];
  },
};
