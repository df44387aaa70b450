import type { World } from '../world/model.ts';
import { cepObject, type EndpointModel, identityFor } from '../world/objects-cep.ts';
import { ciliumConfigMap, clustermeshSecret } from '../world/objects-config.ts';
import { ciliumDaemonSet, deployment } from '../world/objects-controllers.ts';
import { namespaceObject, nodeObject, serviceObjects } from '../world/objects-core.ts';
import { corednsConfigMap } from '../world/objects-dns.ts';
import {
  type AgentState,
  agentPod,
  appLabels,
  appPod,
  type WorkloadState,
} from '../world/objects-workloads.ts';
import { hash32 } from '../world/rng.ts';
import type { KObject, ResourceName } from '../world/types.ts';
import { type ActiveFault, appliesTo, ofType } from './faults.ts';

export interface Rendered {
  objects: { resource: ResourceName; obj: KObject }[];
  endpoints: EndpointModel[];
  workloads: WorkloadState;
}

function workloadState(world: World, active: ActiveFault[]): WorkloadState {
  const agents: Record<string, AgentState> = {};
  for (const n of world.nodes) {
    if (ofType(active, 'agent-crashloop').some((a) => appliesTo(a.fault, n.name)))
      agents[n.name] = 'crashloop';
    else if (ofType(active, 'agent-not-ready').some((a) => appliesTo(a.fault, n.name)))
      agents[n.name] = 'not-ready';
    else agents[n.name] = 'ready';
  }
  return {
    agents,
    operatorReady: ofType(active, 'operator-unavailable').length === 0,
    relayReady: ofType(active, 'hubble-down').length === 0,
  };
}

function podLabels(namespace: string, labels: Record<string, string>): string[] {
  const out = Object.entries(labels).map(([k, v]) => `k8s:${k}=${v}`);
  out.push(`k8s:io.kubernetes.pod.namespace=${namespace}`, `k8s:io.cilium.k8s.policy.cluster=${'CLUSTER'}`);
  return out.sort();
}

function endpointModels(world: World, active: ActiveFault[]): EndpointModel[] {
  const nodeIP = (name: string) => world.nodes.find((n) => n.name === name)?.ip ?? '';
  const eps: EndpointModel[] = [];
  for (const p of world.pods) {
    if (p.app === 'cilium-operator') continue;
    const labels = podLabels(p.namespace, appLabels(p.app)).map((l) =>
      l.replace('CLUSTER', world.cluster.name),
    );
    eps.push({
      name: p.name,
      namespace: p.namespace,
      node: p.node,
      nodeIP: nodeIP(p.node),
      ip: p.ip,
      id: 100 + (hash32(p.name) % 3900),
      identity: identityFor(labels),
      labels,
      state: 'ready',
    });
  }
  for (const a of ofType(active, 'endpoint-state')) {
    for (let i = 0; i < a.fault.count; i++) {
      const node = world.nodes[(a.index + i) % world.nodes.length];
      if (!node) continue;
      const h = hash32(`${world.cluster.name}/${a.index}/${i}`);
      const name = `stuck-app-${(h % 0xfffff).toString(36).padStart(4, 'x')}-${i}`;
      const labels = podLabels(a.fault.namespace, { app: 'stuck-app' }).map((l) =>
        l.replace('CLUSTER', world.cluster.name),
      );
      const ip = node.podCIDR.replace(/0\/24$/, String(2 + (h % 250)));
      eps.push({
        name,
        namespace: a.fault.namespace,
        node: node.name,
        nodeIP: node.ip,
        ip,
        id: 100 + (h % 3900),
        identity: a.fault.state === 'waiting-for-identity' ? 5 : identityFor(labels),
        labels,
        state: a.fault.state,
      });
    }
  }
  return eps;
}

/** All non-Job objects of a cluster for the given active faults (pure: same input ⇒ same output). */
export function renderCluster(world: World, active: ActiveFault[], nowMs: number): Rendered {
  const w = workloadState(world, active);
  const objects: Rendered['objects'] = [];
  const add = (resource: ResourceName, obj: KObject | undefined) => {
    if (obj) objects.push({ resource, obj });
  };
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'fleetcheck-probe'])
    add('namespaces', namespaceObject(world, ns));
  for (const n of world.nodes) add('nodes', nodeObject(world, n));
  for (const n of world.nodes) {
    const since = ofType(active, 'agent-crashloop').find((a) => appliesTo(a.fault, n.name))?.sinceMs ?? nowMs;
    add('pods', agentPod(world, n, w.agents[n.name] ?? 'ready', since, nowMs));
  }
  const counts = { 'cilium-operator': 0, 'hubble-relay': 0, coredns: 0, 'demo-app': 0 };
  for (const p of world.pods) {
    counts[p.app]++;
    const ready =
      p.app === 'cilium-operator' ? w.operatorReady : p.app === 'hubble-relay' ? w.relayReady : true;
    add('pods', appPod(world, p, ready));
  }
  add('daemonsets', ciliumDaemonSet(world, w));
  add(
    'deployments',
    deployment(
      world,
      'cilium-operator',
      counts['cilium-operator'],
      w.operatorReady ? counts['cilium-operator'] : 0,
    ),
  );
  if (world.cluster.hubble)
    add(
      'deployments',
      deployment(world, 'hubble-relay', counts['hubble-relay'], w.relayReady ? counts['hubble-relay'] : 0),
    );
  add('deployments', deployment(world, 'coredns', counts.coredns, counts.coredns));
  add('deployments', deployment(world, 'demo-app', counts['demo-app'], counts['demo-app']));
  add('configmaps', ciliumConfigMap(world));
  add('configmaps', corednsConfigMap(world));
  add('secrets', clustermeshSecret(world));
  const svc = serviceObjects(world);
  for (const s of svc.services) add('services', s);
  for (const e of svc.endpoints) add('endpoints', e);
  const endpoints = endpointModels(world, active);
  for (const ep of endpoints) add('ciliumendpoints', cepObject(world, ep));
  return { objects, endpoints, workloads: w };
}
