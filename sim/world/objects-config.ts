import { stringify } from 'yaml';
import { createdAgo, type World } from './model.ts';
import type { KObject } from './types.ts';

/** The effective cilium-config data: defaults by provider, then the scenario's `config` keys. */
export function ciliumConfigData(world: World): Record<string, string> {
  const c = world.cluster;
  const native = c.provider === 'gke';
  const data: Record<string, string> = {
    'cluster-name': c.name,
    'cluster-id': String(c.clusterId),
    'routing-mode': native ? 'native' : 'tunnel',
    'tunnel-protocol': 'vxlan',
    ipam: c.provider === 'eks' ? 'eni' : c.provider === 'gke' ? 'kubernetes' : 'cluster-pool',
    'kube-proxy-replacement': 'true',
    'enable-hubble': String(c.hubble),
    'max-connected-clusters': '255',
    'enable-ipv4': 'true',
    'enable-ipv6': 'false',
    'enable-wireguard': 'false',
    'enable-ipsec': 'false',
    'enable-health-checking': 'true',
    'enable-endpoint-health-checking': 'true',
    'enable-l7-proxy': 'true',
    'cluster-pool-ipv4-cidr': `10.${world.octet}.64.0/18`,
    'identity-allocation-mode': 'crd',
    'operator-api-serve-addr': '127.0.0.1:9234',
    'hubble-listen-address': ':4244',
    'monitor-aggregation': 'medium',
    'bpf-lb-sock': 'false',
    'cni-exclusive': 'true',
  };
  if (native) data['ipv4-native-routing-cidr'] = `10.${world.octet}.0.0/16`;
  for (const [k, v] of Object.entries(c.config)) data[k] = v;
  return data;
}

/** ConfigMap kube-system/cilium-config. */
export function ciliumConfigMap(world: World): KObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'cilium-config',
      namespace: 'kube-system',
      uid: `${world.uids['ds/cilium']?.slice(0, 23)}-c0f1600000c1`,
      creationTimestamp: createdAgo(world, 86400 * 20),
      labels: { 'app.kubernetes.io/managed-by': 'Helm' },
      annotations: { 'meta.helm.sh/release-name': 'cilium', 'meta.helm.sh/release-namespace': 'kube-system' },
    },
    data: ciliumConfigData(world),
  };
}

/** The etcd client config one peer key holds (what Helm renders). */
function meshPeerConfig(peer: string): string {
  return stringify({
    endpoints: [`https://${peer}.mesh.cilium.io:2379`],
    'trusted-ca-file': '/var/lib/cilium/clustermesh/common-etcd-client-ca.crt',
    'key-file': '/var/lib/cilium/clustermesh/common-etcd-client.key',
    'cert-file': '/var/lib/cilium/clustermesh/common-etcd-client.crt',
  });
}

/** Secret kube-system/cilium-clustermesh, or undefined when the cluster has no mesh peers. */
export function clustermeshSecret(world: World): KObject | undefined {
  const own = ciliumConfigData(world)['cluster-name'] ?? world.cluster.name;
  const peers = world.cluster.meshSecretIncludesSelf ? [...world.cluster.mesh, own] : world.cluster.mesh;
  if (peers.length === 0) return undefined;
  const data: Record<string, string> = {};
  for (const peer of peers) data[peer] = Buffer.from(meshPeerConfig(peer)).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: 'cilium-clustermesh',
      namespace: 'kube-system',
      uid: `${world.uids['ds/cilium']?.slice(0, 23)}-5ec7e7000c1a`,
      creationTimestamp: createdAgo(world, 86400 * 10),
      labels: { 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/part-of': 'cilium' },
    },
    data,
  };
}
