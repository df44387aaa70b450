import { createdAgo, type World } from './model.ts';
import { hash32 } from './rng.ts';
import type { KObject } from './types.ts';

/** A workload endpoint as both the CiliumEndpoint CRD and `cilium-dbg endpoint list` see it. */
export interface EndpointModel {
  name: string;
  namespace: string;
  node: string;
  nodeIP: string;
  ip: string;
  id: number;
  identity: number;
  labels: string[];
  state: string;
}

/** Security identity for a label set (deterministic, in the cluster-local range). */
export function identityFor(labels: string[]): number {
  return 10000 + (hash32(labels.slice().sort().join(',')) % 50000);
}

/** The CiliumEndpoint object (cilium.io/v2) for an endpoint. */
export function cepObject(world: World, ep: EndpointModel): KObject {
  return {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumEndpoint',
    metadata: {
      name: ep.name,
      namespace: ep.namespace,
      uid: `${(hash32(`${world.cluster.name}/cep/${ep.namespace}/${ep.name}`) >>> 0).toString(16).padStart(8, '0')}-cep0-4000-8000-${String(ep.id).padStart(12, '0')}`,
      creationTimestamp: createdAgo(world, 86400 * 2),
      labels: Object.fromEntries(
        ep.labels
          .filter((l) => l.startsWith('k8s:') && !l.includes('io.'))
          .map((l) => l.slice(4).split('=') as [string, string]),
      ),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: ep.name, uid: `${ep.id}` }],
    },
    status: {
      id: ep.id,
      identity: { id: ep.identity, labels: ep.labels },
      networking: { addressing: [{ ipv4: ep.ip }], node: ep.nodeIP },
      state: ep.state,
      encryption: {},
      'external-identifiers': {
        'container-id': ep.name.padEnd(64, '0').slice(0, 64),
        'k8s-namespace': ep.namespace,
        'k8s-pod-name': ep.name,
        'pod-name': `${ep.namespace}/${ep.name}`,
      },
      policy: {
        ingress: { enforcing: false, state: 'non-enforcing' },
        egress: { enforcing: false, state: 'non-enforcing' },
      },
      ...(ep.state === 'ready'
        ? {}
        : { health: { bpf: 'Pending', connected: true, overallHealth: 'Warning', policy: 'Pending' } }),
    },
  };
}
