import type { StatusResponse } from '../cilium/status-json.ts';
import type { MeshView } from '../sweep/report.ts';
import type { AgentOutput } from './agent-exec.ts';

/**
 * Peers configured in the `cilium-clustermesh` secret: keys whose value holds `endpoints:`, less the local
 * cluster's own entry. A shared Helm cluster list puts every cluster, the local one too, into the secret; agents
 * skip the entry named after their own cluster-name ("Ignoring configuration for own cluster",
 * cilium/cilium pkg/clustermesh/common/clustermesh.go `add`, at b3254856; pkg/clustermesh/clustermesh.go before 1.15).
 * @example configuredPeers({ east: 'endpoints: [...]', west: 'endpoints: [...]' }, 'east') // ['west']
 */
export function configuredPeers(secret: Record<string, string> | null, ownName?: string): string[] {
  if (!secret) return [];
  return Object.entries(secret)
    .filter(([k, v]) => k !== ownName && /(^|\n)\s*endpoints:/.test(v))
    .map(([k]) => k)
    .sort();
}

/**
 * One view per peer that is configured (secret ∪ expected) or reported by any sampled agent:
 * how many agents report it, how many say ready, and the last failure they saw.
 */
export function meshViews(configured: string[], statuses: AgentOutput<StatusResponse>[]): MeshView[] {
  const ok = statuses.flatMap((s) => (s.kind === 'ok' ? [s] : []));
  const reported = new Set(ok.flatMap((s) => (s.value['cluster-mesh']?.clusters ?? []).map((c) => c.name)));
  const peers = [...new Set([...configured, ...reported])].sort();
  return peers.map((peer) => {
    let reporting = 0;
    let ready = 0;
    let numNodes: number | undefined;
    let numEndpoints: number | undefined;
    let numFailures = 0;
    let lastFailure: string | undefined;
    let message: string | undefined;
    for (const s of ok) {
      const rc = s.value['cluster-mesh']?.clusters.find((c) => c.name === peer);
      if (!rc) continue;
      reporting++;
      if (rc.ready) ready++;
      else message ??= `${s.node}: ${rc.status || 'not ready'}`;
      numNodes = Math.max(numNodes ?? 0, rc['num-nodes']);
      numEndpoints = Math.max(numEndpoints ?? 0, rc['num-endpoints']);
      numFailures = Math.max(numFailures, rc['num-failures']);
      if (rc['last-failure'] && (!lastFailure || rc['last-failure'] > lastFailure))
        lastFailure = rc['last-failure'];
    }
    const view: MeshView = {
      peer,
      configured: configured.includes(peer),
      agentsReporting: reporting,
      agentsReady: ready,
      agentsSampled: ok.length,
      ready: ok.length > 0 && ready === ok.length,
      numFailures,
    };
    if (numNodes !== undefined) view.numNodes = numNodes;
    if (numEndpoints !== undefined) view.numEndpoints = numEndpoints;
    if (lastFailure) view.lastFailure = lastFailure;
    if (message) view.message = message;
    return view;
  });
}
