import type { HealthStatus } from '../cilium/health-json.ts';
import { type HealthAddress, nodeAddresses, splitHealthName } from '../cilium/health-paths.ts';
import type { NodeLink } from '../sweep/report.ts';
import type { AgentOutput } from './agent-exec.ts';

/** A measured path with where it went: the probed address and, for a ClusterMesh peer's node, its cluster. */
export interface HealthLink extends NodeLink {
  /** The probed IP ('' when cilium-health reported no address). */
  address: string;
  primary: boolean;
  /** Set when the target node belongs to another cluster of the mesh (cilium-health names it `<cluster>/<node>`). */
  remoteCluster?: string;
}

const MISSING = 'no address reported: cilium-health counts the node unreachable';

function link(
  from: string,
  to: string,
  a: HealthAddress,
  probe: 'icmp' | 'http',
  result: { ok: true; rttMs: number } | { ok: false; error: string },
  remoteCluster: string | undefined,
): HealthLink {
  const l: HealthLink = { from, to, target: a.target, address: a.ip, primary: a.primary, probe, ...result };
  if (remoteCluster !== undefined) l.remoteCluster = remoteCluster;
  return l;
}

function addressLinks(
  from: string,
  to: string,
  a: HealthAddress,
  remote: string | undefined,
  out: HealthLink[],
) {
  for (const probe of ['icmp', 'http'] as const) {
    if (!a.path) {
      out.push(link(from, to, a, probe, { ok: false, error: MISSING }, remote));
      continue;
    }
    const c = a.path[probe];
    if (!c) continue;
    const result =
      c.status.trim() === ''
        ? { ok: true as const, rttMs: c.latency / 1e6 }
        : { ok: false as const, error: c.status };
    out.push(link(from, to, a, probe, result, remote));
  }
}

/**
 * The measured node → node paths from every agent that answered, judged as Cilium's `nodeIsHealthy` does (see
 * core/cilium/health-paths.ts): host and health endpoint, primary and secondary addresses, ICMP and HTTP; a missing
 * address fails, a probe without a result yet is left out. Local targets keep the bare node name; a ClusterMesh
 * peer's node keeps its `<cluster>/<node>` name, so a remote `c2/node-1` is never merged into the local `node-1`.
 * The local cluster is the prefix of `local.name`; when an agent does not report it, `localCluster` (cilium-config
 * cluster-name; `default` = no prefix, pkg/node/types/node.go Fullname) stands in.
 */
export function healthLinks(outs: AgentOutput<HealthStatus>[], localCluster?: string): HealthLink[] {
  const links: HealthLink[] = [];
  const fallback = localCluster === 'default' ? undefined : localCluster;
  for (const o of outs) {
    if (o.kind !== 'ok') continue;
    const reported = o.value.local?.name ? splitHealthName(o.value.local.name) : undefined;
    const self = reported ?? { cluster: fallback, node: '' };
    const local = self.node || o.node;
    const known = reported !== undefined || localCluster !== undefined;
    for (const n of o.value.nodes ?? []) {
      const { cluster, node } = splitHealthName(n.name);
      const remote = known && cluster !== self.cluster ? cluster : undefined;
      if (remote === undefined && node === local) continue;
      const to = remote === undefined ? node : n.name;
      for (const a of nodeAddresses(n)) addressLinks(local, to, a, remote, links);
    }
  }
  return links;
}

/** The links as stored (node_links): the NodeLink fields only. */
export function storedLinks(links: HealthLink[]): NodeLink[] {
  return links.map(({ address: _a, primary: _p, remoteCluster: _r, ...l }) => l);
}

/** Percentile (nearest-rank) of a list of numbers; undefined when empty. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

/** Milliseconds rounded to microseconds, for metrics. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
