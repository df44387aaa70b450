import { createdAgo, type NodeModel, type PodModel, type World } from './model.ts';
import { type ContainerDef, type ContainerRun, podObject } from './objects-pod.ts';
import type { KObject } from './types.ts';

export type AgentState = 'ready' | 'not-ready' | 'crashloop';

/** Fault-derived state of the workloads (healthy = all true / all ready). */
export interface WorkloadState {
  agents: Record<string, AgentState>;
  operatorReady: boolean;
  relayReady: boolean;
}

/** Init containers of the cilium agent pod (Helm chart order). */
export const AGENT_INIT = [
  'config',
  'mount-cgroup',
  'apply-sysctl-overwrites',
  'mount-bpf-fs',
  'clean-cilium-state',
  'install-cni-binaries',
];

/** The agent image of the cluster's Cilium version. */
export function ciliumImage(world: World): string {
  return `quay.io/cilium/cilium:v${world.cluster.ciliumVersion}`;
}

/** Container image of a Deployment's pods. */
export function image(world: World, app: PodModel['app']): string {
  const v = world.cluster.ciliumVersion;
  if (app === 'cilium-operator') {
    const suffix = { eks: '-aws', gke: '-generic', aks: '-azure', generic: '-generic' }[
      world.cluster.provider
    ];
    return `quay.io/cilium/operator${suffix}:v${v}`;
  }
  if (app === 'hubble-relay') return `quay.io/cilium/hubble-relay:v${v}`;
  if (app === 'coredns') return 'registry.k8s.io/coredns/coredns:v1.11.3';
  return 'registry.k8s.io/e2e-test-images/agnhost:2.52';
}

/** The cilium agent pod of a node. */
export function agentPod(
  world: World,
  node: NodeModel,
  state: AgentState,
  sinceMs: number,
  nowMs: number,
): KObject {
  const started = createdAgo(world, 86400 * 5);
  const img = ciliumImage(world);
  const containers: ContainerDef[] = [
    {
      name: 'cilium-agent',
      image: img,
      command: ['cilium-agent'],
      args: ['--config-dir=/tmp/cilium/config-map'],
      ports: [{ name: 'peer-service', containerPort: 4244, hostPort: 4244, protocol: 'TCP' }],
    },
  ];
  const init = AGENT_INIT.map((name) => ({ name, image: img, command: ['/bin/sh'] }));
  const restarts = state === 'crashloop' ? 5 + Math.floor(Math.max(0, nowMs - sinceMs) / 300000) : 0;
  const run: ContainerRun =
    state === 'crashloop'
      ? {
          kind: 'waiting',
          reason: 'CrashLoopBackOff',
          message: `back-off 5m0s restarting failed container=cilium-agent pod=${node.agentPod}_kube-system(${node.agentUid})`,
        }
      : { kind: 'running', ready: state === 'ready', startedAt: started };
  return podObject({
    name: node.agentPod,
    namespace: 'kube-system',
    uid: node.agentUid,
    created: started,
    startTime: started,
    labels: {
      'k8s-app': 'cilium',
      'app.kubernetes.io/name': 'cilium-agent',
      'app.kubernetes.io/part-of': 'cilium',
      'controller-revision-hash': '6f8b9c7d5',
      'pod-template-generation': '1',
    },
    annotations: { 'kubectl.kubernetes.io/default-container': 'cilium-agent' },
    owner: { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'cilium', uid: world.uids['ds/cilium'] ?? '' },
    nodeName: node.name,
    hostIP: node.ip,
    podIP: node.ip,
    hostNetwork: true,
    serviceAccountName: 'cilium',
    containers,
    initContainers: init,
    phase: 'Running',
    runs: [
      {
        run,
        restartCount: restarts,
        ...(state === 'crashloop'
          ? {
              lastTerminated: {
                exitCode: 1,
                reason: 'Error',
                finishedAt: new Date(sinceMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
              },
            }
          : {}),
      },
    ],
  });
}

/** Pod labels per app, as the Helm charts / addons set them. */
export const APP_LABELS: Record<PodModel['app'], Record<string, string>> = {
  'cilium-operator': {
    'io.cilium/app': 'operator',
    name: 'cilium-operator',
    'app.kubernetes.io/name': 'cilium-operator',
    'app.kubernetes.io/part-of': 'cilium',
  },
  'hubble-relay': {
    'k8s-app': 'hubble-relay',
    'app.kubernetes.io/name': 'hubble-relay',
    'app.kubernetes.io/part-of': 'cilium',
  },
  coredns: { 'k8s-app': 'kube-dns' },
  'demo-app': { app: 'demo-app' },
};

/** Labels of a Deployment's pods. */
export function appLabels(app: PodModel['app']): Record<string, string> {
  return APP_LABELS[app];
}

/** A Deployment-owned pod (operator, relay, coredns, demo app). */
export function appPod(world: World, pod: PodModel, ready: boolean): KObject {
  const node = world.nodes.find((n) => n.name === pod.node);
  const started = createdAgo(world, 86400 * 5 - 600);
  const container = pod.app === 'coredns' ? 'coredns' : pod.app;
  return podObject({
    name: pod.name,
    namespace: pod.namespace,
    uid: pod.uid,
    created: started,
    startTime: started,
    labels: { ...APP_LABELS[pod.app], 'pod-template-hash': pod.name.split('-').at(-2) ?? 'x' },
    owner: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: pod.name.split('-').slice(0, -1).join('-'),
      uid: world.uids[`deploy/${pod.app}`] ?? '',
    },
    nodeName: pod.node,
    hostIP: node?.ip,
    podIP: pod.ip,
    hostNetwork: pod.app === 'cilium-operator',
    containers: [{ name: container, image: image(world, pod.app) }],
    phase: 'Running',
    runs: [{ run: { kind: 'running', ready, startedAt: started } }],
  });
}
