import type { AgentView, CommandResult, HealthPeerView, ProbeView } from './agent-view.ts';
import { cutovers } from './cutovers.ts';
import { formatGoDuration } from './go-duration.ts';
import {
  endpointReachable,
  healthNodeName,
  healthyCount,
  hostReachable,
  nodeHealthy,
  orderedPeers,
  probeOk,
  rfc3339,
} from './health-model.ts';
import { tabwrite } from './tabwriter.ts';

/** Flags of `cilium-health status` that change the text output. */
export interface HealthTextOptions {
  verbose?: boolean;
  succinct?: boolean;
}

const displayName = (view: AgentView, peer: HealthPeerView) =>
  `${healthNodeName(view, peer)}${peer.isLocal ? ' (localhost)' : ''}`;

function probeText(probe: ProbeView): string {
  return probeOk(probe) ? `OK, RTT=${formatGoDuration(probe.rttNs ?? 0)}` : (probe.error ?? '');
}

/** Per-node connectivity block (classic layout, and `--verbose` from 1.17); `lastProbed` adds the 1.18+ column. */
function nodeBlock(view: AgentView, peer: HealthPeerView, lastProbed: boolean): string[] {
  const suffix = lastProbed ? `\t(Last probed: ${rfc3339(view.now)})` : '';
  return [
    `  ${displayName(view, peer)}:`,
    `    Host connectivity to ${peer.nodeIP}:`,
    `      ICMP to stack:\t${probeText(peer.host.icmp)}${suffix}`,
    `      HTTP to agent:\t${probeText(peer.host.http)}${suffix}`,
    `    Endpoint connectivity to ${peer.healthIP}:`,
    `      ICMP to stack:\t${probeText(peer.endpoint.icmp)}${suffix}`,
    `      HTTP to agent:\t${probeText(peer.endpoint.http)}${suffix}`,
  ];
}

function classic(view: AgentView, opts: HealthTextOptions): string {
  const peers = orderedPeers(view);
  if (opts.succinct === true) {
    const word = (ok: boolean) => (ok ? 'reachable' : 'unreachable');
    const lines = [
      `Cluster health:\t${healthyCount(view)}/${peers.length} reachable\t(${rfc3339(view.now)})`,
      '  Name\tIP\tNode\tEndpoints',
      ...peers.map(
        (p) =>
          `  ${displayName(view, p)}\t${p.nodeIP}\t${word(hostReachable(p))}\t${word(endpointReachable(p))}`,
      ),
    ];
    return tabwrite(`${lines.join('\n')}\n`, 2, 3);
  }
  const lines = [
    `Probe time:\t${rfc3339(view.now)}`,
    'Nodes:',
    ...peers.flatMap((p) => nodeBlock(view, p, false)),
  ];
  return tabwrite(`${lines.join('\n')}\n`, 2, 3);
}

function table(view: AgentView, opts: HealthTextOptions): string {
  const peers = orderedPeers(view);
  const probed = cutovers.probeInterval(view.version);
  const head = [
    `Cluster health:\t${healthyCount(view)}/${peers.length} reachable\t(${rfc3339(view.now)})${probed ? `\t(Probe interval: ${view.probeInterval})` : ''}`,
    'Name\tIP\tNode\tEndpoints',
  ];
  let out = tabwrite(`${head.join('\n')}\n`, 2, 3);
  if (opts.verbose === true) {
    return out + tabwrite(`${peers.flatMap((p) => nodeBlock(view, p, probed)).join('\n')}\n`, 2, 3);
  }
  const rows = peers
    .filter((p) => !nodeHealthy(p))
    .map(
      (p) =>
        `  ${displayName(view, p)}\t${p.nodeIP}\t${hostReachable(p) ? 1 : 0}/1\t${endpointReachable(p) ? 1 : 0}/1`,
    );
  if (rows.length > 0) out += tabwrite(`${rows.join('\n')}\n`, 2, 3);
  return out;
}

/**
 * `cilium-health status` text: the classic `Probe time:` / `Nodes:` layout up to Cilium 1.16 (`--succinct` gives
 * the reachable/unreachable table), from 1.17 the `Cluster health:` count table listing only unhealthy nodes
 * (`--verbose`: the per-node blocks), with `(Probe interval: …)` and `(Last probed: …)` from 1.18.
 */
export function renderHealthText(view: AgentView, opts: HealthTextOptions = {}): CommandResult {
  const stdout = cutovers.healthTable(view.version) ? table(view, opts) : classic(view, opts);
  return { stdout, stderr: '', exitCode: 0 };
}
