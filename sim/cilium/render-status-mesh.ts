import type { AgentView, MeshPeerView } from './agent-view.ts';
import { formatGoDuration } from './go-duration.ts';
import { atLeast } from './version.ts';

/**
 * `ClusterMesh:` line + per-cluster detail lines. Detail lines are printed for every peer with
 * `--verbose`/`--all-clusters` and always for peers that are not ready (cilium behaviour).
 * Wording per version: ≤1.14 `N/M clusters ready, K global-services` (verified in 1.14-era source), 1.15–1.17
 * `N/M remote clusters ready, K global-services`, 1.18+ `N/M remote clusters ready`.
 */
export function renderMeshLines(view: AgentView, allClusters: boolean): string[] {
  const ready = view.mesh.filter((p) => p.ready).length;
  const total = view.mesh.length;
  const globalServices = 0;
  let head: string;
  if (!atLeast(view.version, 1, 15))
    head = `ClusterMesh:\t${ready}/${total} clusters ready, ${globalServices} global-services`;
  else if (!atLeast(view.version, 1, 18))
    head = `ClusterMesh:\t${ready}/${total} remote clusters ready, ${globalServices} global-services`;
  else head = `ClusterMesh:\t${ready}/${total} remote clusters ready`;
  const lines = [head];
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

/** Per-cluster lines; 1.14 says `failures`, later versions `reconnections`; 1.18 adds slice/MCS counts. */
function peerLines(view: AgentView, peer: MeshPeerView): string[] {
  const state = peer.ready ? 'ready' : 'not-ready';
  const last = lastFailure(view, peer);
  const newer = atLeast(view.version, 1, 18);
  const counts = newer
    ? `${peer.numServices} services, 0 endpoint slices, 0 MCS-API service exports`
    : `${peer.numServices} services`;
  const failures = atLeast(view.version, 1, 15) ? 'reconnections' : 'failures';
  const retrieved = peer.connected;
  const config = retrieved
    ? `expected=true, retrieved=true, cluster-id=${peer.clusterId ?? 0}, kvstoremesh=false, sync-canaries=true${newer ? ', service-exports=disabled' : ''}`
    : 'expected=true, retrieved=false';
  const synced = peer.ready;
  return [
    `   ${peer.name}: ${state}, ${peer.numNodes} nodes, ${peer.numEndpoints} endpoints, ${peer.numIdentities} identities, ${counts}, ${peer.numFailures} ${failures} (last: ${last})`,
    `   └  ${peer.status}`,
    `   └  remote configuration: ${config}`,
    `   └  synchronization status: nodes=${synced}, endpoints=${synced}, identities=${synced}, services=${synced}`,
  ];
}
