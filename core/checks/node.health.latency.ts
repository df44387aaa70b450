import { appendTo } from '../map-lists.ts';
import type { Outcome } from '../outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { percentile, roundMs } from './health-links.ts';
import { outcomes } from './outcomes.ts';

const ID = 'node.health.latency';
const o = outcomes(ID);
const HINT =
  'Node-to-node RTT (cilium-health ICMP/HTTP probes) is high: look for an overloaded node (CPU steal, softirq), ' +
  'cross-AZ/region paths, MTU/fragmentation with tunnelling, or a congested ENI; compare `cilium-health status --probe` ' +
  'from several agents to find the slow side.';

/** Nodes whose p95 RTT exceeds `overMs`, slowest first. */
function slowTargets(
  links: { to: string; rttMs?: number }[],
  overMs: number,
): { node: string; p95: number }[] {
  const perTarget = new Map<string, number[]>();
  for (const l of links) appendTo(perTarget, l.to, l.rttMs as number);
  return [...perTarget]
    .map(([node, xs]) => ({ node, p95: roundMs(percentile(xs, 95) as number) }))
    .filter((x) => x.p95 > overMs)
    .sort((a, b) => b.p95 - a.p95);
}

/** Pod-network latency between nodes, from the same matrix: a high p95 slows every east-west call. */
export const nodeHealthLatency: CheckDefinition = {
  id: ID,
  layer: 'node',
  doc: 'p95 of node-to-node health RTTs stays under the latency thresholds (metrics rttP50Ms/rttP95Ms/rttMaxMs).',
  doing: 'read cilium-health status',
  async run(facts): Promise<Outcome[]> {
    const { latencyWarnMs, latencyFailMs } = facts.settings;
    const outs = await facts.agentHealth();
    // Mesh peers' nodes are another cluster (often another region): their RTTs are not this cluster's latency.
    const links = (await facts.healthLinks()).filter(
      (l) => l.ok && l.rttMs !== undefined && l.remoteCluster === undefined,
    );
    const rtts = links.map((l) => l.rttMs as number);
    const broken = outs.filter((out) => out.kind !== 'ok' && out.kind !== 'not-running');
    if (rtts.length === 0 && broken.length > 0) {
      const message = `no RTT measured: cilium-health gave no usable answer on ${broken.length}/${outs.length} sampled agents`;
      const hint = 'See node.health.reachability for why (timeout, 403, unparseable output).';
      const evidence = { agents: broken.map((b) => b.node), first: broken[0]?.kind };
      return [o.error('cluster', message, hint, { evidence })];
    }
    if (rtts.length === 0) {
      const message = 'no measured RTT between nodes (single node, or no agent answered)';
      return [o.skip('cluster', message, 'See node.health.reachability and component.agent.status.')];
    }
    const metrics = {
      rttP50Ms: roundMs(percentile(rtts, 50) as number),
      rttP95Ms: roundMs(percentile(rtts, 95) as number),
      rttMaxMs: roundMs(Math.max(...rtts)),
      samples: rtts.length,
    };
    const slow = slowTargets(links, latencyWarnMs);
    const worst = Math.max(metrics.rttP95Ms, slow[0]?.p95 ?? 0);
    const evidence = {
      slowNodes: slow.slice(0, 10),
      thresholdsMs: { warn: latencyWarnMs, fail: latencyFailMs },
    };
    const summary = `RTT p50 ${metrics.rttP50Ms} ms, p95 ${metrics.rttP95Ms} ms, max ${metrics.rttMaxMs} ms`;
    const slowest = slow.slice(0, 3).map((s) => `${s.node} (p95 ${s.p95} ms)`);
    const towards = slow.length > 0 ? `; slowest towards ${slowest.join(', ')}` : '';
    if (worst > latencyFailMs)
      return [o.fail('cluster', `${summary}${towards} > ${latencyFailMs} ms`, HINT, { metrics, evidence })];
    if (worst > latencyWarnMs)
      return [o.warn('cluster', `${summary}${towards} > ${latencyWarnMs} ms`, HINT, { metrics, evidence })];
    return [o.pass('cluster', summary, { metrics, evidence })];
  },
};
