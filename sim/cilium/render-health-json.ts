import type { AgentView, CommandResult, HealthPeerView, ProbeView } from './agent-view.ts';
import { cutovers } from './cutovers.ts';
import { goJson } from './go-json.ts';
import { healthNodeName, orderedPeers, probeOk, rfc3339 } from './health-model.ts';

/** ConnectivityStatus: latency in ns only when OK (omitempty), status only when failing, lastProbed from 1.18. */
function connectivity(probe: ProbeView, lastProbed: string | undefined): Record<string, unknown> {
  const at = lastProbed === undefined ? {} : { lastProbed };
  if (!probeOk(probe)) return { ...at, status: probe.error };
  return { ...at, latency: probe.rttNs ?? 0 };
}

function path(ip: string, icmp: ProbeView, http: ProbeView, at: string | undefined) {
  return { http: connectivity(http, at), icmp: connectivity(icmp, at), ip };
}

/** NodeStatus; dual stack adds the IPv6 paths as `secondary-addresses` (pkg/health/client GetAllHostAddresses). */
function nodeStatus(view: AgentView, peer: HealthPeerView, at: string | undefined) {
  const endpoint = path(peer.healthIP, peer.endpoint.icmp, peer.endpoint.http, at);
  const s = peer.secondary;
  return {
    endpoint,
    'health-endpoint': {
      'primary-address': endpoint,
      'secondary-addresses': s ? [path(s.healthIP, s.endpoint.icmp, s.endpoint.http, at)] : [],
    },
    host: {
      'primary-address': path(peer.nodeIP, peer.host.icmp, peer.host.http, at),
      'secondary-addresses': s ? [path(s.nodeIP, s.host.icmp, s.host.http, at)] : [],
    },
    name: healthNodeName(view, peer),
  };
}

/**
 * `cilium-health status -o json` (HealthStatusResponse; keys in go-swagger order).
 * `probeInterval` (Go duration string) and per-probe `lastProbed` exist from 1.18 (health models, cilium-cli v0.17.0).
 */
export function renderHealthJson(view: AgentView): CommandResult {
  const at = rfc3339(view.now);
  const probed = cutovers.probeInterval(view.version) ? at : undefined;
  const local = view.healthPeers.find((p) => p.isLocal);
  const body: Record<string, unknown> = {
    local: { name: local ? healthNodeName(view, local) : `${view.clusterName}/${view.nodeName}` },
    nodes: orderedPeers(view).map((p) => nodeStatus(view, p, probed)),
  };
  if (probed) body.probeInterval = view.probeInterval;
  body.timestamp = at;
  return { stdout: goJson(body), stderr: '', exitCode: 0 };
}
