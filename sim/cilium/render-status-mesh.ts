import type { AgentView, MeshPeerView } from './agent-view.ts';
import { cutovers } from './cutovers.ts';
import { formatGoDuration } from './go-duration.ts';

/**
 * `ClusterMesh:` line + per-cluster detail lines (pkg/client/client.go). Detail lines are printed for every peer with
 * `--verbose`/`--all-clusters` and always for peers that are not ready. Wording per version: ≤1.15
 * `N/M clusters ready, K global-services`, 1.16–1.18 `N/M remote clusters ready, K global-services`, 1.19
 * `N/M remote clusters ready`. Helm always passes `--clustermesh-config`, so the line is there with no peer too (0/0).
 */
export function renderMeshLines(view: AgentView, allClusters: boolean): string[] {
  const ready = view.mesh.filter((p) => p.ready).length;
  const total = view.mesh.length;
  const clusters = cutovers.remoteClustersWording(view.version) ? 'remote clusters' : 'clusters';
  const services = cutovers.globalServices(view.version) ? ', 0 global-services' : '';
  const lines = [`ClusterMesh:\t${ready}/${total} ${clusters} ready${services}`];
  for (const peer of view.mesh) {
    if (allClusters || !peer.ready) lines.push(...peerLines(view, peer));
  }
  return lines;
}

function lastFailure(view: AgentView, peer: MeshPeerView): string {
  if (!peer.lastFailure) return 'never';
  const seconds = Math.max(0, Math.floor((view.now.getTime() - peer.lastFailure.getTime()) / 1000));
  return `${formatGoDuration(seconds * 1e9)} ago`;
}

/** Per-cluster lines; ≤1.15 says `failures`, 1.16+ `reconnections`; 1.17+ adds MCS-API service exports. */
function peerLines(view: AgentView, peer: MeshPeerView): string[] {
  const state = peer.ready ? 'ready' : 'not-ready';
  const last = lastFailure(view, peer);
  const exports = cutovers.serviceExports(view.version);
  const counts = exports
    ? `${peer.numServices} services, 0 MCS-API service exports`
    : `${peer.numServices} services`;
  const failures = cutovers.remoteClustersWording(view.version) ? 'reconnections' : 'failures';
  const retrieved = peer.connected;
  const config = retrieved
    ? `expected=true, retrieved=true, cluster-id=${peer.clusterId ?? 0}, kvstoremesh=false, sync-canaries=true${exports ? ', service-exports=unsupported' : ''}`
    : 'expected=true, retrieved=false';
  const synced = peer.ready;
  return [
    `   ${peer.name}: ${state}, ${peer.numNodes} nodes, ${peer.numEndpoints} endpoints, ${peer.numIdentities} identities, ${counts}, ${peer.numFailures} ${failures} (last: ${last})`,
    `   └  ${peer.status}`,
    `   └  remote configuration: ${config}`,
    `   └  synchronization status: nodes=${synced}, endpoints=${synced}, identities=${synced}, services=${synced}`,
  ];
}
