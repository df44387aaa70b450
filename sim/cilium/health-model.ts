import type { AgentView, HealthPeerView, ProbeView } from './agent-view.ts';

/** Node name as cilium-health prints it: `<cluster>/<node>`. */
export function healthNodeName(view: AgentView, peer: HealthPeerView): string {
  return `${peer.cluster ?? view.clusterName}/${peer.node}`;
}

/** A probe is OK when it carries no error text (cilium: empty `status`). */
export function probeOk(probe: ProbeView): boolean {
  return probe.error === undefined || probe.error === '';
}

/** Host path (node IP) reachable by both ICMP and HTTP. */
export function hostReachable(peer: HealthPeerView): boolean {
  const s = peer.secondary;
  return (
    probeOk(peer.host.icmp) &&
    probeOk(peer.host.http) &&
    (!s || (probeOk(s.host.icmp) && probeOk(s.host.http)))
  );
}

/** Health-endpoint path reachable by both ICMP and HTTP. */
export function endpointReachable(peer: HealthPeerView): boolean {
  const s = peer.secondary;
  return (
    probeOk(peer.endpoint.icmp) &&
    probeOk(peer.endpoint.http) &&
    (!s || (probeOk(s.endpoint.icmp) && probeOk(s.endpoint.http)))
  );
}

/** A node is healthy when no path reports an error. */
export function nodeHealthy(peer: HealthPeerView): boolean {
  return hostReachable(peer) && endpointReachable(peer);
}

/** Number of healthy nodes in the view's health matrix. */
export function healthyCount(view: AgentView): number {
  return allHealthPeers(view).filter(nodeHealthy).length;
}

/** Every node cilium-health probes: this cluster's and the connected mesh peers'. */
function allHealthPeers(view: AgentView): HealthPeerView[] {
  return [...view.healthPeers, ...view.meshHealthPeers];
}

/** RFC3339 at second precision, as Go's strfmt.DateTime prints probe timestamps (`2024-12-23T23:27:27Z`). */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Local node first, then the others in name order (cilium-health sorts nodes by name, local marked). */
export function orderedPeers(view: AgentView): HealthPeerView[] {
  return allHealthPeers(view).sort((a, b) =>
    a.isLocal !== b.isLocal
      ? a.isLocal
        ? -1
        : 1
      : healthNodeName(view, a).localeCompare(healthNodeName(view, b)),
  );
}
