import type { HealthNode, PathStatus } from './health-json.ts';

/**
 * One address cilium-health probes on a node, as Cilium's own `nodeIsHealthy` walks them
 * (pkg/health/client/client.go `GetAllHostAddresses` / `GetAllEndpointAddresses` / `allPathsAreHealthyOrUnknown`,
 * vendored by cilium/cilium-cli v0.15.7 (Cilium 1.14.1) and v0.18.5 (1.18.0-pre.3) alike): the primary address then every
 * secondary one (dual stack: the other IP family), for the host and for the health endpoint. A `host` or
 * `health-endpoint` that is absent contributes no address; a primary (or secondary) address that is absent inside a
 * present one is a nil entry, which Cilium counts as unreachable.
 */
export interface HealthAddress {
  target: 'host' | 'endpoint';
  primary: boolean;
  /** The probed IP, or '' when the address is missing. */
  ip: string;
  /** Undefined = the address is missing (Go nil): unreachable. */
  path?: PathStatus;
}

type Addresses = {
  'primary-address'?: PathStatus | null;
  'secondary-addresses'?: (PathStatus | null)[] | null;
};

function addresses(target: HealthAddress['target'], a: Addresses | null | undefined): HealthAddress[] {
  if (!a) return [];
  const primary = a['primary-address'] ?? undefined;
  const out: HealthAddress[] = [{ target, primary: true, ip: primary?.ip ?? '', path: primary }];
  for (const s of a['secondary-addresses'] ?? [])
    out.push({ target, primary: false, ip: s?.ip ?? '', path: s ?? undefined });
  return out;
}

/**
 * Every address Cilium judges a node's health by. Before `health-endpoint` existed only the deprecated `endpoint`
 * path was reported; it stands in as the endpoint's primary address then.
 * @example nodeAddresses({ name: 'c1/n2', host: { 'primary-address': { ip: '10.0.0.2' }, 'secondary-addresses': [] } }).length // 1
 */
export function nodeAddresses(node: HealthNode): HealthAddress[] {
  const endpoint =
    node['health-endpoint'] ?? (node.endpoint ? { 'primary-address': node.endpoint } : undefined);
  return [...addresses('host', node.host), ...addresses('endpoint', endpoint)];
}

/** `<cluster>/<node>` as cilium-health names nodes (a ClusterMesh adds the peers' nodes); no `/` = no cluster. */
export function splitHealthName(name: string): { cluster?: string; node: string } {
  const i = name.indexOf('/');
  return i >= 0 ? { cluster: name.slice(0, i), node: name.slice(i + 1) } : { node: name };
}
