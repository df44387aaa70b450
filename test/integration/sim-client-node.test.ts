import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  type V1Job,
  Watch,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { probePodSpec } from '../fixtures/probe-pod.ts';
import { eventually, execOnce, exitCodeOf, kubeConfigFor, raw } from './sim-helpers.ts';

const scenario = parseScenario(`version: 1
seed: 11
defaults: { latency: { apiMs: 0, execMs: 0, jobStartSeconds: 0 } }
clusters:
  - name: east
    nodes: 3
    mesh: [west]
  - name: west
    ciliumVersion: "1.14.6"
    nodes: 2
    mesh: [east]
`);

let sim: Simulator;
let kc: KubeConfig;

beforeAll(async () => {
  sim = await startSimulator(scenario);
  kc = kubeConfigFor(sim, 'east');
});
afterAll(async () => {
  await sim?.stop();
});

function probeJob(name: string): V1Job {
  return {
    metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'fleetcheck' } },
    spec: {
      activeDeadlineSeconds: 60,
      ttlSecondsAfterFinished: 300,
      backoffLimit: 0,
      template: {
        spec: probePodSpec({
          name: 'api',
          command: ['nc', '-z', '-w', '2', 'kubernetes.default.svc.cluster.local', '443'],
        }),
      },
    },
  };
}

describe('simulator via @kubernetes/client-node over HTTPS', () => {
  it('serves /version and a kubeconfig with one context per cluster', async () => {
    const v = await raw(sim, 'east', '/version');
    expect(JSON.parse(v.body).gitVersion).toMatch(/^v1\.32\./);
    expect(sim.kubeconfigYaml()).toContain('name: west');
    expect(sim.kubeconfigYaml()).toContain('certificate-authority-data');
  });

  it('lists nodes and cilium agent pods with selectors', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const nodes = await core.listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(nodes.items[0]?.status?.nodeInfo?.kernelVersion).toBe('6.1.112');
    const agents = await core.listNamespacedPod({
      namespace: 'kube-system',
      labelSelector: 'k8s-app=cilium',
    });
    expect(agents.items).toHaveLength(3);
    expect(agents.items.every((p) => p.status?.phase === 'Running')).toBe(true);
    const onNode2 = await core.listNamespacedPod({
      namespace: 'kube-system',
      labelSelector: 'k8s-app in (cilium)',
      fieldSelector: 'spec.nodeName=node-2',
    });
    expect(onNode2.items).toHaveLength(1);
    const all = await core.listPodForAllNamespaces({ labelSelector: 'app' });
    expect(all.items.every((p) => p.metadata?.namespace === 'default')).toBe(true);
  });

  it('gets DaemonSet, Deployments, ConfigMap, Secret and CiliumEndpoints', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const ds = await apps.readNamespacedDaemonSet({ name: 'cilium', namespace: 'kube-system' });
    expect(ds.status?.numberReady).toBe(3);
    const deploys = await apps.listNamespacedDeployment({ namespace: 'kube-system' });
    expect(deploys.items.map((d) => d.metadata?.name).sort()).toEqual([
      'cilium-operator',
      'coredns',
      'hubble-relay',
    ]);
    const core = kc.makeApiClient(CoreV1Api);
    const cm = await core.readNamespacedConfigMap({ name: 'cilium-config', namespace: 'kube-system' });
    expect(cm.data?.['cluster-name']).toBe('east');
    const secret = await core.readNamespacedSecret({ name: 'cilium-clustermesh', namespace: 'kube-system' });
    expect(Object.keys(secret.data ?? {})).toEqual(['west']);
    const ceps = (await kc
      .makeApiClient(CustomObjectsApi)
      .listClusterCustomObject({ group: 'cilium.io', version: 'v2', plural: 'ciliumendpoints' })) as {
      items: { status: { state: string } }[];
    };
    expect(ceps.items.length).toBeGreaterThan(0);
    expect(ceps.items.every((c) => c.status.state === 'ready')).toBe(true);
  });

  it('answers a missing object with a 404 Status', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const err = await core
      .readNamespacedPod({ name: 'nope', namespace: 'kube-system' })
      .catch((e: { code?: number; body?: string }) => e);
    expect((err as { code?: number }).code).toBe(404);
    expect(JSON.parse((err as { body: string }).body)).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      code: 404,
    });
  });

  it('execs cilium-dbg status -o json (v5 channel protocol) and reports exit codes', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const agent =
      (await core.listNamespacedPod({ namespace: 'kube-system', labelSelector: 'k8s-app=cilium' })).items[0]
        ?.metadata?.name ?? '';
    const st = await execOnce(kc, 'kube-system', agent, 'cilium-agent', [
      'cilium-dbg',
      'status',
      '-o',
      'json',
    ]);
    expect(exitCodeOf(st.status)).toBe(0);
    const json = JSON.parse(st.stdout);
    expect(json.cilium.state).toBe('Ok');
    expect(json['cluster-mesh'].clusters[0]).toMatchObject({ name: 'west', ready: true });
    const missing = await execOnce(kc, 'kube-system', agent, 'cilium-agent', ['definitely-not-here']);
    expect(exitCodeOf(missing.status)).toBe(-1);
    expect(typeof missing.status === 'object' && missing.status.message).toContain(
      'executable file not found in $PATH',
    );
    expect(sim.stats('east').execByCommand['cilium-dbg status']).toBeGreaterThanOrEqual(1);
  });

  it('has only the cilium binary on Cilium < 1.15', async () => {
    const westKc = kubeConfigFor(sim, 'west');
    const agent =
      (
        await westKc
          .makeApiClient(CoreV1Api)
          .listNamespacedPod({ namespace: 'kube-system', labelSelector: 'k8s-app=cilium' })
      ).items[0]?.metadata?.name ?? '';
    const dbg = await execOnce(westKc, 'kube-system', agent, 'cilium-agent', [
      'cilium-dbg',
      'status',
      '--brief',
    ]);
    expect(typeof dbg.status === 'object' && dbg.status.reason).toBe('InternalError');
    const legacy = await execOnce(westKc, 'kube-system', agent, 'cilium-agent', [
      'cilium',
      'status',
      '--brief',
    ]);
    expect(exitCodeOf(legacy.status)).toBe(0);
    expect(legacy.stdout.trim()).toBe('OK');
  });

  it('watches pods as JSON lines', async () => {
    const events: string[] = [];
    const req = await new Watch(kc).watch(
      '/api/v1/namespaces/kube-system/pods',
      { labelSelector: 'k8s-app=cilium' },
      (type, obj: { metadata: { name: string } }) => events.push(`${type} ${obj.metadata.name}`),
      () => {},
    );
    await eventually(async () => events.length >= 3);
    req.abort();
    expect(events.every((e) => e.startsWith('ADDED cilium-'))).toBe(true);
  });

  it('runs a probe Job: pod, per-container logs, completion, delete with propagation', async () => {
    const batch = kc.makeApiClient(BatchV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    const before = sim.stats('east').jobsCreated;
    await batch.createNamespacedJob({ namespace: 'fleetcheck-probe', body: probeJob('probe-a') });
    const done = await eventually(async () => {
      const j = await batch.readNamespacedJob({ name: 'probe-a', namespace: 'fleetcheck-probe' });
      return j.status?.conditions?.find((c) => c.type === 'Complete' && c.status === 'True') ? j : undefined;
    });
    expect(done.status?.succeeded).toBe(1);
    const pods = await core.listNamespacedPod({
      namespace: 'fleetcheck-probe',
      labelSelector: 'job-name=probe-a',
    });
    const pod = pods.items[0]?.metadata?.name ?? '';
    expect(pods.items[0]?.status?.phase).toBe('Succeeded');
    const dnsLog = await core.readNamespacedPodLog({
      name: pod,
      namespace: 'fleetcheck-probe',
      container: 'dns',
    });
    expect(dnsLog).toContain('Name:\tkubernetes.default.svc.cluster.local');
    expect(sim.stats('east').jobsCreated).toBe(before + 1);
    await batch.deleteNamespacedJob({
      name: 'probe-a',
      namespace: 'fleetcheck-probe',
      propagationPolicy: 'Background',
    });
    const left = await core.listNamespacedPod({ namespace: 'fleetcheck-probe' });
    expect(left.items).toHaveLength(0);
    expect(sim.stats('east')).toMatchObject({ liveJobs: 0, livePods: 0 });
  });

  it('rejects a wrong token with a 401 Status; no token is system:anonymous (403, /version allowed)', async () => {
    const bad = await raw(sim, 'east', '/api/v1/nodes', { token: 'wrong' });
    expect(bad.status).toBe(401);
    expect(JSON.parse(bad.body)).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    const anonymous = await raw(sim, 'east', '/api/v1/nodes', { token: null });
    expect(anonymous.status).toBe(403);
    expect(JSON.parse(anonymous.body).message).toBe(
      'nodes is forbidden: User "system:anonymous" cannot list resource "nodes" in API group "" at the cluster scope',
    );
    expect((await raw(sim, 'east', '/version', { token: null })).status).toBe(200);
  });

  it('answers a protobuf Job create with 415 and discovery with shortNames', async () => {
    const r = await raw(sim, 'east', '/apis/batch/v1/namespaces/default/jobs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
      body: 'x',
    });
    expect(r.status).toBe(415);
    const v1 = JSON.parse((await raw(sim, 'east', '/api/v1')).body) as {
      resources: { name: string; shortNames?: string[] }[];
    };
    expect(v1.resources.find((x) => x.name === 'pods')?.shortNames).toContain('po');
    const cilium = JSON.parse((await raw(sim, 'east', '/apis/cilium.io/v2')).body) as {
      resources: { name: string; shortNames?: string[] }[];
    };
    expect(cilium.resources[0]?.shortNames).toContain('cep');
  });
});
