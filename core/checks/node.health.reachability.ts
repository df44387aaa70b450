import { type Outcome, outcome } from '../outcome.ts';
import type { NodeLink } from '../sweep/report.ts';
import { agentProblem } from './agent-outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { errorOutcome } from './error-outcome.ts';
import { healthLinks } from './health-links.ts';
import { hints } from './hints.ts';

const ID = 'node.health.reachability';

function describe(l: NodeLink): string {
  return `${l.from}→${l.to} ${l.target} ${l.probe.toUpperCase()}${l.error ? `: ${l.error}` : ''}`;
}

function judgeTarget(to: string, links: NodeLink[]): Outcome {
  const failing = links.filter((l) => !l.ok);
  const metrics = { paths: links.length, pathsFailing: failing.length };
  if (failing.length === 0)
    return outcome.pass(ID, to, `all ${links.length} measured paths to ${to} reachable`, { metrics });
  const evidence = { failing: failing.slice(0, 20).map(describe) };
  const downBoth = failing.some((f) =>
    failing.some((g) => g.from === f.from && g.target === f.target && g.probe !== f.probe),
  );
  const message = `${failing.length}/${links.length} paths to ${to} failing: ${failing.slice(0, 3).map(describe).join('; ')}`;
  const hint = downBoth
    ? hints.pathDown
    : failing.every((f) => f.probe === 'http')
      ? hints.port4240
      : failing.every((f) => f.probe === 'icmp')
        ? hints.icmpOnly
        : `${hints.port4240} ${hints.icmpOnly}`;
  return outcome.nonPass('fail', ID, to, message, hint, { metrics, evidence });
}

/**
 * Reads the node-to-node matrix cilium-health already measures: any failing host or health-endpoint path (ICMP, or
 * HTTP on :4240) fails the target node; the hint tells a blocked port 4240 (not a business outage) from a node cut off.
 */
export const nodeHealthReachability: CheckDefinition = {
  id: ID,
  layer: 'node',
  doc: 'Every node is reachable from the sampled agents over host and health-endpoint paths (ICMP and HTTP :4240).',
  async run(facts) {
    try {
      const outs = await facts.agentHealth();
      if (outs.length === 0) {
        return [
          outcome.nonPass(
            'skip',
            ID,
            'cluster',
            'cilium-health is disabled or no agent was sampled',
            'Enable health checking (`enable-health-checking`) to get the node-to-node matrix.',
          ),
        ];
      }
      const links = healthLinks(outs);
      const byTarget = new Map<string, NodeLink[]>();
      for (const l of links) byTarget.set(l.to, [...(byTarget.get(l.to) ?? []), l]);
      const results = new Map<string, Outcome>();
      // A node whose own agent is not running loses its health endpoint and :4240 responder with it.
      const agentDown = new Set(outs.filter((o) => o.kind === 'not-running').map((o) => o.node));
      for (const [to, ls] of [...byTarget].sort(([a], [b]) => a.localeCompare(b))) {
        const judged = judgeTarget(to, ls);
        results.set(
          to,
          agentDown.has(to) && judged.status !== 'pass'
            ? { ...judged, hint: hints.agentDownTarget(to) }
            : judged,
        );
      }
      for (const o of outs) {
        const problem = agentProblem(ID, o, 'cilium-health status -o json');
        if (!problem || problem.status === 'skip') continue;
        const existing = results.get(o.node);
        if (!existing || existing.status === 'pass') results.set(o.node, problem);
      }
      if (results.size === 0) {
        const skipped = outs
          .map((o) => agentProblem(ID, o, 'cilium-health status -o json'))
          .filter((x): x is Outcome => !!x);
        if (skipped.length > 0) return skipped;
        const nodes = await facts.nodes().catch(() => []);
        if (nodes.length === 1 && outs.some((o) => o.kind === 'ok')) {
          return [
            outcome.nonPass(
              'skip',
              ID,
              'cluster',
              'single-node cluster: cilium-health has no other node to probe',
              'Nothing to check until a second node joins.',
            ),
          ];
        }
        return [
          outcome.nonPass(
            'error',
            ID,
            'cluster',
            'no agent reported any health path',
            'Is health checking enabled (`enable-health-checking`)? Run `cilium-health status` in an agent.',
          ),
        ];
      }
      return [...results.values()];
    } catch (err) {
      return [errorOutcome(ID, 'cluster', err, 'read cilium-health status')];
    }
  },
};
