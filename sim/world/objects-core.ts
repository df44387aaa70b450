import type { ResolvedCluster } from '../scenario/schema.ts';
import { createdAgo, type NodeModel, type World } from './model.ts';
import { hash32 } from './rng.ts';
import type { KObject } from './types.ts';

const OS_IMAGE: Record<ResolvedCluster['provider'], string> = {
  eks: 'Amazon Linux 2023.6.20241212',
  gke: 'Container-Optimized OS from Google',
  aks: 'Ubuntu 22.04.5 LTS',
  generic: 'Debian GNU/Linux 12 (bookworm)',
};
const KUBELET: Record<ResolvedCluster['provider'], string> = {
  eks: 'v1.32.3-eks-473151a',
  gke: 'v1.32.4-gke.1106006',
  aks: 'v1.32.3',
  generic: 'v1.32.4',
};

/** The Node object of a simulated node (always Ready: agent faults show on the agent pod). */
export function nodeObject(world: World, node: NodeModel): KObject {
  const created = createdAgo(world, 86400 * 30 + (hash32(node.name) % 86400));
  const { provider, region } = world.cluster;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      uid: node.uid,
      creationTimestamp: created,
      labels: {
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'topology.kubernetes.io/region': region,
        'topology.kubernetes.io/zone': node.zone,
        'node.kubernetes.io/instance-type': provider === 'gke' ? 'e2-standard-4' : 'm6i.xlarge',
      },
    },
    spec: {
      podCIDR: node.podCIDR,
      podCIDRs: [node.podCIDR],
      providerID: `${provider}://${region}/${node.name}`,
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: node.ip },
        { type: 'Hostname', address: node.name },
      ],
      capacity: { cpu: '4', memory: '16106372Ki', pods: '110' },
      allocatable: { cpu: '3920m', memory: '15090564Ki', pods: '110' },
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
          lastHeartbeatTime: created,
          lastTransitionTime: created,
        },
        {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
          lastHeartbeatTime: created,
          lastTransitionTime: created,
        },
        {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
          lastHeartbeatTime: created,
          lastTransitionTime: created,
        },
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: created,
          lastTransitionTime: created,
        },
      ],
      nodeInfo: {
        machineID: node.uid.replace(/-/g, ''),
        systemUUID: node.uid,
        bootID: node.agentUid,
        kernelVersion: node.kernel,
        osImage: OS_IMAGE[provider],
        containerRuntimeVersion: 'containerd://1.7.25',
        kubeletVersion: KUBELET[provider],
        kubeProxyVersion: KUBELET[provider],
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/** A namespace object. */
export function namespaceObject(world: World, name: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      uid: `${world.uids['ds/cilium']?.slice(0, 24)}${(hash32(name) >>> 0).toString(16).padStart(12, '0')}`,
      creationTimestamp: createdAgo(world, 86400 * 40),
      labels: { 'kubernetes.io/metadata.name': name },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/** Service `default/kubernetes` and `kube-system/kube-dns`, plus their Endpoints. */
export function serviceObjects(world: World): { services: KObject[]; endpoints: KObject[] } {
  const p = world.serviceCIDRPrefix;
  const created = createdAgo(world, 86400 * 40);
  const meta = (name: string, namespace: string, labels: Record<string, string>) => ({
    name,
    namespace,
    uid: `${(hash32(`${world.cluster.name}/${namespace}/${name}`) >>> 0).toString(16).padStart(8, '0')}-5e1f-4c00-a000-000000000001`,
    creationTimestamp: created,
    labels,
  });
  const kubeLabels = { component: 'apiserver', provider: 'kubernetes' };
  const dnsLabels = { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' };
  const dnsPods = world.pods.filter((x) => x.app === 'coredns');
  const services: KObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('kubernetes', 'default', kubeLabels),
      spec: {
        type: 'ClusterIP',
        clusterIP: `${p}.1`,
        clusterIPs: [`${p}.1`],
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }],
      },
      status: { loadBalancer: {} },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('kube-dns', 'kube-system', dnsLabels),
      spec: {
        type: 'ClusterIP',
        clusterIP: `${p}.10`,
        clusterIPs: [`${p}.10`],
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        ],
      },
      status: { loadBalancer: {} },
    },
  ];
  const endpoints: KObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: meta('kubernetes', 'default', { 'endpointslice.kubernetes.io/skip-mirror': 'true' }),
      subsets: [
        {
          addresses: [{ ip: world.nodes[0]?.ip ?? '10.0.0.1' }],
          ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
        },
      ],
    },
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: meta('kube-dns', 'kube-system', dnsLabels),
      subsets: [
        {
          addresses: dnsPods.map((d) => ({
            ip: d.ip,
            nodeName: d.node,
            targetRef: { kind: 'Pod', namespace: d.namespace, name: d.name, uid: d.uid },
          })),
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP' },
            { name: 'dns-tcp', port: 53, protocol: 'TCP' },
          ],
        },
      ],
    },
  ];
  return { services, endpoints };
}
