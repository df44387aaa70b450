import type { AgentView, CommandResult, HealthPeerView, PathPairView, ProbeView } from './agent-view.ts';
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

function pathLines(name: string, ip: string, p: PathPairView['host'], suffix: string): string[] {
  return [
    `    ${name} connectivity to ${ip}:`,
    `      ICMP to stack:\t${probeText(p.icmp)}${suffix}`,
    `      HTTP to agent:\t${probeText(p.http)}${suffix}`,
  ];
}

const pairOk = (p: PathPairView['host']) => probeOk(p.icmp) && probeOk(p.http);

/**
 * Per-node connectivity block (classic layout, and `--verbose` from 1.17); `lastProbed` adds the 1.18+ column.
 * Secondary (dual-stack) paths follow their primary when verbose or when one of them fails
 * (pkg/health/client formatNodeStatus, cilium-cli v0.15.7 and v0.18.5 vendor).
 */
function nodeBlock(view: AgentView, peer: HealthPeerView, lastProbed: boolean, verbose: boolean): string[] {
  const suffix = lastProbed ? `\t(Last probed: ${rfc3339(view.now)})` : '';
  const s = peer.secondary;
  return [
    `  ${displayName(view, peer)}:`,
    ...pathLines('Host', peer.nodeIP, peer.host, suffix),
    ...(s && (verbose || !pairOk(s.host)) ? pathLines('Secondary Host', s.nodeIP, s.host, suffix) : []),
    ...pathLines('Endpoint', peer.healthIP, peer.endpoint, suffix),
    ...(s && (verbose || !pairOk(s.endpoint))
      ? pathLines('Secondary Endpoint', s.healthIP, s.endpoint, suffix)
      : []),
  ];
}

/** `reachable/total` over a node's addresses (primary + secondary), as the 1.17+ table counts them. */
function addressCount(peer: HealthPeerView, target: 'host' | 'endpoint'): string {
  const paths = [peer[target], ...(peer.secondary ? [peer.secondary[target]] : [])];
  return `${paths.filter(pairOk).length}/${paths.length}`;
}

/** The table's IP column: the primary host address then the secondary ones, comma-joined. */
const ips = (peer: HealthPeerView) =>
  [peer.nodeIP, ...(peer.secondary ? [peer.secondary.nodeIP] : [])].join(',');

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
    ...peers.flatMap((p) => nodeBlock(view, p, false, opts.verbose === true)),
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
    return out + tabwrite(`${peers.flatMap((p) => nodeBlock(view, p, probed, true)).join('\n')}\n`, 2, 3);
  }
  const rows = peers
    .filter((p) => !nodeHealthy(p))
    .map(
      (p) =>
        `  ${displayName(view, p)}\t${ips(p)}\t${addressCount(p, 'host')}\t${addressCount(p, 'endpoint')}`,
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
