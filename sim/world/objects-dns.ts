import { createdAgo, type World } from './model.ts';
import type { KObject } from './types.ts';

/** The Corefile kubeadm / EKS render: the `kubernetes` plugin serves the cluster domain and the reverse zones. */
function corefile(domain: string): string {
  return [
    '.:53 {',
    '    errors',
    '    health {',
    '       lameduck 5s',
    '    }',
    '    ready',
    `    kubernetes ${domain} in-addr.arpa ip6.arpa {`,
    '       pods insecure',
    '       fallthrough in-addr.arpa ip6.arpa',
    '       ttl 30',
    '    }',
    '    prometheus :9153',
    '    forward . /etc/resolv.conf',
    '    cache 30',
    '    loop',
    '    reload',
    '    loadbalance',
    '}',
    '',
  ].join('\n');
}

/** ConfigMap kube-system/coredns. */
export function corednsConfigMap(world: World): KObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'coredns',
      namespace: 'kube-system',
      uid: `${world.uids['deploy/coredns']?.slice(0, 23)}-c0de0d000c1f`,
      creationTimestamp: createdAgo(world, 86400 * 30),
      labels: { 'k8s-app': 'kube-dns' },
    },
    data: { Corefile: corefile(world.cluster.clusterDomain) },
  };
}
