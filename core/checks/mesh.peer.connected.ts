import type { Outcome } from '../outcome.ts';
import type { MeshView } from '../sweep/report.ts';
import type { CheckDefinition } from './definition.ts';
import { configuredPeers } from './mesh-views.ts';
import { outcomes } from './outcomes.ts';
import { meshConfigured } from './preconditions.ts';

const ID = 'mesh.peer.connected';
const o = outcomes(ID);

function connectHint(peer: string): string {
  return (
    `Run \`kubectl -n kube-system exec <agent> -c cilium-agent -- cilium-dbg troubleshoot clustermesh ${peer}\`; check that ` +
    `the clustermesh-apiserver of ${peer} is Ready and its LoadBalancer/NodePort (2379) is reachable from these nodes, that ` +
    'both clusters share the Cilium CA (TLS errors), and that the remote cluster-name/cluster-id match its secret entry.'
  );
}

function judge(v: MeshView, inSecret: boolean): Outcome {
  const metrics = {
    agentsSampled: v.agentsSampled,
    agentsReporting: v.agentsReporting,
    agentsReady: v.agentsReady,
    numFailures: v.numFailures ?? 0,
  };
  const evidence = {
    configured: v.configured,
    inSecret,
    message: v.message,
    lastFailure: v.lastFailure,
    numNodes: v.numNodes,
  };
  const extras = { metrics, evidence };
  const { peer } = v;
  if (!v.configured) {
    const hint =
      "A stale or unmanaged mesh connection: add it to the fleet's expected peers or remove it from the agents' clustermesh config (`cilium clustermesh disconnect`).";
    return o.warn(
      peer,
      `agents report peer ${peer} but it is not in the clustermesh secret nor expected`,
      hint,
      extras,
    );
  }
  if (v.agentsSampled === 0) {
    const message = `no sampled agent answered, cannot tell whether ${peer} is connected`;
    return o.error(peer, message, 'See component.agent.status for why agents did not answer.', extras);
  }
  if (v.agentsReporting === 0) {
    const hint = inSecret
      ? 'The peer is in the cilium-clustermesh secret but no agent loaded it: check the secret is mounted at /var/lib/cilium/clustermesh/ and that `clustermesh.useAPIServer`/config are enabled; the agent log mentions "clustermesh".'
      : `Peer ${peer} is expected but missing from the kube-system/cilium-clustermesh secret: connect the clusters (\`cilium clustermesh connect\`) or fix the fleet's expected peers.`;
    const message = `peer ${peer} configured but not known to any of ${v.agentsSampled} sampled agents`;
    return o.fail(peer, message, hint, extras);
  }
  if (v.agentsReady < v.agentsSampled) {
    const why = v.message ? `: ${v.message}` : '';
    const message = `peer ${peer} not ready on ${v.agentsSampled - v.agentsReady}/${v.agentsSampled} sampled agents${why}`;
    return o.fail(peer, message, connectHint(peer), extras);
  }
  const message = `connected to ${peer} on all ${v.agentsSampled} sampled agents (${v.numNodes ?? 0} remote nodes)`;
  return o.pass(peer, message, extras);
}

/** Compares the configured peers (secret ∪ expected) with what the agents report; a pair only works if both sides see each other. */
export const meshPeerConnected: CheckDefinition = {
  id: ID,
  layer: 'mesh',
  doc: 'Every configured ClusterMesh peer (secret kube-system/cilium-clustermesh ∪ expected peers) is ready on every sampled agent.',
  requires: [meshConfigured],
  doing: 'read the ClusterMesh configuration',
  async run(facts): Promise<Outcome[]> {
    const [secret, views, own] = await Promise.all([
      facts.meshSecret(),
      facts.meshViews(),
      facts.ciliumClusterName(),
    ]);
    const inSecret = new Set(configuredPeers(secret, own));
    return views.map((v) => judge(v, inSecret.has(v.peer)));
  },
};
