import { createdAgo, type PodModel, type World } from './model.ts';
import { AGENT_INIT, APP_LABELS, ciliumImage, image, type WorkloadState } from './objects-workloads.ts';
import type { KObject } from './types.ts';

/** DaemonSet kube-system/cilium with counts from the agent states. */
export function ciliumDaemonSet(world: World, state: WorkloadState): KObject {
  const desired = world.nodes.length;
  const ready = world.nodes.filter((n) => state.agents[n.name] === 'ready').length;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'cilium',
      namespace: 'kube-system',
      uid: world.uids['ds/cilium'] ?? '',
      generation: 1,
      creationTimestamp: createdAgo(world, 86400 * 20),
      labels: {
        'k8s-app': 'cilium',
        'app.kubernetes.io/name': 'cilium-agent',
        'app.kubernetes.io/part-of': 'cilium',
      },
    },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'cilium' } },
      template: {
        metadata: { labels: { 'k8s-app': 'cilium' } },
        spec: {
          containers: [{ name: 'cilium-agent', image: ciliumImage(world) }],
          initContainers: AGENT_INIT.map((name) => ({ name, image: ciliumImage(world) })),
        },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2, maxSurge: 0 } },
    },
    status: {
      currentNumberScheduled: desired,
      desiredNumberScheduled: desired,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {}),
      updatedNumberScheduled: desired,
      observedGeneration: 1,
    },
  };
}

/** A Deployment with `ready` of `replicas` pods ready. */
export function deployment(world: World, app: PodModel['app'], replicas: number, ready: number): KObject {
  const labels = APP_LABELS[app];
  const container = app === 'coredns' ? 'coredns' : app;
  const name = app === 'demo-app' ? 'demo-app' : app;
  const created = createdAgo(world, 86400 * 20);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: app === 'demo-app' ? 'default' : 'kube-system',
      uid: world.uids[`deploy/${app}`] ?? '',
      generation: 1,
      creationTimestamp: created,
      labels: app === 'coredns' ? { 'k8s-app': 'kube-dns' } : labels,
    },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: container, image: image(world, app) }] },
      },
      strategy: { type: 'RollingUpdate' },
    },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      ...(ready > 0 ? { readyReplicas: ready, availableReplicas: ready } : {}),
      ...(replicas - ready > 0 ? { unavailableReplicas: replicas - ready } : {}),
      conditions: [
        ready > 0
          ? {
              type: 'Available',
              status: 'True',
              reason: 'MinimumReplicasAvailable',
              message: 'Deployment has minimum availability.',
              lastUpdateTime: created,
              lastTransitionTime: created,
            }
          : {
              type: 'Available',
              status: 'False',
              reason: 'MinimumReplicasUnavailable',
              message: 'Deployment does not have minimum availability.',
              lastUpdateTime: created,
              lastTransitionTime: created,
            },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${name}" has successfully progressed.`,
          lastUpdateTime: created,
          lastTransitionTime: created,
        },
      ],
    },
  };
}
