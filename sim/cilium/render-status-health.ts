import type { AgentView } from './agent-view.ts';
import { cutovers } from './cutovers.ts';
import {
  endpointReachable,
  healthNodeName,
  healthyCount,
  hostReachable,
  nodeHealthy,
  orderedPeers,
  rfc3339,
} from './health-model.ts';

const word = (ok: boolean) => (ok ? 'reachable' : 'unreachable');

/**
 * The `Cluster health:` section of `cilium-dbg status` (tab-separated, for the status tabwriter).
 * Rows only for unhealthy nodes (max 10) unless `allHealth`. From 1.17 the header row is always printed (unindented)
 * and rows carry `<reachable>/<total>` address counts instead of reachable/unreachable words; 1.18 adds
 * `(Probe interval: ...)`.
 */
export function renderStatusHealthLines(view: AgentView, allHealth: boolean): string[] {
  if (!view.controllers.some((c) => c.name === 'cilium-health-ep'))
    return ['Cluster health:\t\tProbe disabled'];
  if (view.health.state === 'Failure')
    return ['Cluster health:\t\t\tWarning\tcilium-health daemon unreachable'];
  const modern = cutovers.healthTable(view.version);
  const total = view.healthPeers.length;
  let head = `Cluster health:\t${healthyCount(view)}/${total} reachable\t(${rfc3339(view.now)})`;
  if (cutovers.probeInterval(view.version)) head += `\t(Probe interval: ${view.probeInterval})`;
  const lines = [head];
  const rows = orderedPeers(view).filter((p) => allHealth || !nodeHealthy(p));
  if (modern) lines.push('Name\tIP\tNode\tEndpoints');
  if (rows.length === 0) return lines;
  if (!modern) lines.push('  Name\tIP\tNode\tEndpoints');
  const limit = allHealth ? rows.length : 10;
  for (const peer of rows.slice(0, limit)) {
    const name = `${healthNodeName(view, peer)}${peer.isLocal ? ' (localhost)' : ''}`;
    const host = modern ? `${hostReachable(peer) ? 1 : 0}/1` : word(hostReachable(peer));
    const ep = modern ? `${endpointReachable(peer) ? 1 : 0}/1` : word(endpointReachable(peer));
    lines.push(`  ${name}\t${peer.nodeIP}\t${host}\t${ep}`);
  }
  if (rows.length > limit) lines.push('  ...');
  return lines;
}
