import type { HealthStatus } from '../cilium/health-json.ts';
import { appendTo } from '../map-lists.ts';
import type { Outcome } from '../outcome.ts';
import { byCodeUnits } from '../text/compare.ts';
import type { AgentOutput } from './agent-exec.ts';
import { agentProblem } from './agent-outcome.ts';
import type { CheckDefinition } from './definition.ts';
import type { ClusterFacts } from './facts.ts';
import type { HealthLink } from './health-links.ts';
import { hints } from './hints.ts';
import { outcomes } from './outcomes.ts';

const ID = 'node.health.reachability';
const o = outcomes(ID);
const CMD = 'cilium-health status -o json';

function describe(l: HealthLink): string {
  const address = l.address ? ` ${l.address}${l.primary ? '' : ' (secondary)'}` : '';
  return `${l.from}→${l.to} ${l.target}${address} ${l.probe.toUpperCase()}${l.error ? `: ${l.error}` : ''}`;
}

function meshHint(cluster: string): string {
  return (
    `A path from this cluster to a node of ClusterMesh peer ${cluster} fails: the mesh data path (not this cluster's ` +
    `own nodes). Check routing between the clusters' node and pod CIDRs (VPC peering / transit routes, tunnel ` +
    `8472/UDP or 6081/UDP), firewalls and security groups allowing ICMP and 4240/TCP from this cluster, and ` +
    `\`cilium-health status --probe\` on the named agents; mesh.peer.connected tells whether the control plane is up.`
  );
}

function judgeTarget(to: string, links: HealthLink[]): Outcome {
  const failing = links.filter((l) => !l.ok);
  const remote = links[0]?.remoteCluster;
  const what = remote === undefined ? `paths to ${to}` : `mesh data paths to ${to} (cluster ${remote})`;
  const metrics = { paths: links.length, pathsFailing: failing.length };
  const place = remote === undefined ? {} : { meshPeer: remote, node: to.slice(remote.length + 1) };
  if (failing.length === 0)
    return o.pass(to, `all ${links.length} measured ${what} reachable`, {
      metrics,
      ...(remote === undefined ? {} : { evidence: place }),
    });
  const evidence = { ...place, failing: failing.slice(0, 20).map(describe) };
  const downBoth = failing.some((f) =>
    failing.some(
      (g) => g.from === f.from && g.target === f.target && g.address === f.address && g.probe !== f.probe,
    ),
  );
  const message = `${failing.length}/${links.length} ${what} failing: ${failing.slice(0, 3).map(describe).join('; ')}`;
  const kind = downBoth
    ? hints.pathDown
    : failing.every((f) => f.probe === 'http')
      ? hints.port4240
      : failing.every((f) => f.probe === 'icmp')
        ? hints.icmpOnly
        : `${hints.port4240} ${hints.icmpOnly}`;
  const hint = remote === undefined ? kind : meshHint(remote);
  return o.fail(to, message, hint, { metrics, evidence });
}

/** What to report when no path was judged: the agents' own problems, a single node, or no health data at all. */
async function nothingMeasured(facts: ClusterFacts, outs: AgentOutput<HealthStatus>[]): Promise<Outcome[]> {
  const problems = outs.map((out) => agentProblem(ID, out, CMD)).filter((x): x is Outcome => !!x);
  if (problems.length > 0) return problems;
  const nodes = await facts.nodes().catch(() => []);
  if (nodes.length === 1 && outs.some((out) => out.kind === 'ok')) {
    const message = 'single-node cluster: cilium-health has no other node to probe';
    return [o.skip('cluster', message, 'Nothing to check until a second node joins.')];
  }
  const hint =
    'Is health checking enabled (`enable-health-checking`)? Run `cilium-health status` in an agent.';
  return [o.error('cluster', 'no agent reported any health path', hint)];
}

/**
 * Reads the node-to-node matrix cilium-health already measures, judged like Cilium's `nodeIsHealthy`: any failing
 * host or health-endpoint path (ICMP, or HTTP on :4240), on the primary or a secondary (dual-stack) address, or a
 * missing address, fails the target node; the hint tells a blocked port 4240 (not a business outage) from a node cut
 * off. In a ClusterMesh cilium-health also probes the peers' nodes: those are judged under subject `<cluster>/<node>`
 * (the mesh data path, evidence `meshPeer`/`node`), never merged into a local node of the same name.
 */
export const nodeHealthReachability: CheckDefinition = {
  id: ID,
  layer: 'node',
  doc: 'Every node (and every mesh peer node, as `<cluster>/<node>`) is reachable from the sampled agents on all its addresses, host and health endpoint (ICMP and HTTP :4240).',
  doing: 'read cilium-health status',
  async run(facts) {
    const outs = await facts.agentHealth();
    if (outs.length === 0) {
      const hint = 'Enable health checking (`enable-health-checking`) to get the node-to-node matrix.';
      return [o.skip('cluster', 'cilium-health is disabled or no agent was sampled', hint)];
    }
    const links = await facts.healthLinks();
    const byTarget = new Map<string, HealthLink[]>();
    for (const l of links) appendTo(byTarget, l.to, l);
    const results = new Map<string, Outcome>();
    // A node whose own agent is not running loses its health endpoint and :4240 responder with it.
    const agentDown = new Set(outs.filter((out) => out.kind === 'not-running').map((out) => out.node));
    for (const [to, ls] of [...byTarget].sort(([a], [b]) => byCodeUnits(a, b))) {
      const judged = judgeTarget(to, ls);
      const down = agentDown.has(to) && judged.status !== 'pass';
      results.set(to, down ? { ...judged, hint: hints.agentDownTarget(to) } : judged);
    }
    for (const out of outs) {
      const problem = agentProblem(ID, out, CMD);
      if (!problem || problem.status === 'skip') continue;
      const existing = results.get(out.node);
      if (!existing || existing.status === 'pass') results.set(out.node, problem);
    }
    return results.size > 0 ? [...results.values()] : nothingMeasured(facts, outs);
  },
};
