import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  Watch,
} from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FaultInput, parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { faultTypes } from '../../sim/scenario/schema.ts';
import { probePodSpec } from '../fixtures/probe-pod.ts';
import { type ExecOutcome, eventually, execOnce, exitCodeOf, kubeConfigFor, raw } from './sim-helpers.ts';

const scenario = parseScenario(`version: 1
seed: 5
defaults: { nodes: 3, latency: { apiMs: 0, execMs: 0, jobStartSeconds: 0 } }
clusters:
  - name: a
    clusterId: 1
    mesh: [b, ghost]
  - name: b
    clusterId: 2
    mesh: [a]
`);

let now = Date.parse('2026-11-25T10:00:00Z');
const start = now;
let sim: Simulator;
let kc: KubeConfig;
const covered = new Set<string>();

beforeAll(async () => {
  sim = await startSimulator(scenario, { clock: () => now });
  kc = kubeConfigFor(sim, 'a');
});
afterEach(() => {
  sim.setFaults('a', []);
  sim.setFaults('b', []);
  now = start;
});
afterAll(async () => {
  await sim?.stop();
});

const core = () => kc.makeApiClient(CoreV1Api);
const apps = () => kc.makeApiClient(AppsV1Api);
const set = (faults: FaultInput[], cluster = 'a') => {
  for (const f of faults) covered.add(f.type);
  sim.setFaults(cluster, faults);
};
async function agent(node: string, k = kc) {
  const pods = await k.makeApiClient(CoreV1Api).listNamespacedPod({
    namespace: 'kube-system',
    labelSelector: 'k8s-app=cilium',
    fieldSelector: `spec.nodeName=${node}`,
  });
  const p = pods.items[0];
  if (!p?.metadata?.name) throw new Error(`no agent on ${node}`);
  return p;
}
const exec = async (node: string, argv: string[], timeoutMs?: number, k = kc): Promise<ExecOutcome> =>
  execOnce(k, 'kube-system', (await agent(node, k)).metadata?.name ?? '', 'cilium-agent', argv, timeoutMs);
const statusJson = async (node: string, k = kc) =>
  JSON.parse((await exec(node, ['cilium-dbg', 'status', '-o', 'json'], undefined, k)).stdout);
const healthJson = async (node: string) =>
  JSON.parse((await exec(node, ['cilium-health', 'status', '-o', 'json'])).stdout);

async function runProbeJob(name: string): Promise<{ phase?: string; logs: string[] }> {
  const batch = kc.makeApiClient(BatchV1Api);
  await batch.createNamespacedJob({
    namespace: 'fleetcheck-probe',
    body: {
      metadata: { name },
      spec: {
        template: {
          spec: probePodSpec({
            name: 'svc',
            command: ['nc', '-vv', '-z', '-w', '2', 'kubernetes.default.svc.cluster.local', '443'],
          }),
        },
      },
    },
  });
  const pod = await eventually(async () => {
    const p = (
      await core().listNamespacedPod({ namespace: 'fleetcheck-probe', labelSelector: `job-name=${name}` })
    ).items[0];
    return p && (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') ? p : undefined;
  });
  const podName = pod.metadata?.name ?? '';
  const logs = await Promise.all(
    ['dns', 'svc'].map((c) =>
      core().readNamespacedPodLog({ name: podName, namespace: 'fleetcheck-probe', container: c }),
    ),
  );
  await batch.deleteNamespacedJob({ name, namespace: 'fleetcheck-probe', propagationPolicy: 'Background' });
  return { phase: pod.status?.phase, logs };
}

describe('every fault type shows on the wire', () => {
  it('agent-not-ready: pod Ready=False, DaemonSet numberReady drops', async () => {
    set([{ type: 'agent-not-ready', node: 'node-2' }]);
    const p = await agent('node-2');
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    const ds = await apps().readNamespacedDaemonSet({ name: 'cilium', namespace: 'kube-system' });
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 3, numberReady: 2, numberUnavailable: 1 });
  });

  it('agent-crashloop: CrashLoopBackOff with restarts; exec fails like a not-running container', async () => {
    set([{ type: 'agent-crashloop', node: 'node-1' }]);
    const cs = (await agent('node-1')).status?.containerStatuses?.[0];
    expect(cs?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs?.restartCount).toBeGreaterThan(0);
    const r = await exec('node-1', ['cilium-dbg', 'status']);
    expect(exitCodeOf(r.status)).toBe(-1);
    expect(typeof r.status === 'object' && r.status.message).toContain(
      'container not found ("cilium-agent")',
    );
    const seen = (await healthJson('node-2')).nodes as {
      name: string;
      'health-endpoint': { 'primary-address': { http: { status?: string } } };
    }[];
    const n1 = seen.find((n) => n.name === 'a/node-1');
    expect(n1?.['health-endpoint']['primary-address'].http.status).toBeTruthy();
  });

  it('agent-status: the component state and message in status output, brief exit code 1 on cilium Failure', async () => {
    set([
      {
        type: 'agent-status',
        node: 'node-1',
        component: 'cilium',
        state: 'Failure',
        message: 'BPF map init failed',
      },
    ]);
    expect((await statusJson('node-1')).cilium).toMatchObject({
      state: 'Failure',
      msg: 'BPF map init failed',
    });
    const brief = await exec('node-1', ['cilium-dbg', 'status', '--brief']);
    expect(exitCodeOf(brief.status)).toBe(1);
    expect(exitCodeOf((await exec('node-2', ['cilium-dbg', 'status', '--brief'])).status)).toBe(0);
  });

  it('agent-hang: status exec never answers, cilium-health still does', async () => {
    set([{ type: 'agent-hang', node: 'node-3' }]);
    expect((await exec('node-3', ['cilium-dbg', 'status', '-o', 'json'], 800)).status).toBe('timeout');
    expect(exitCodeOf((await exec('node-3', ['cilium-health', 'status', '-o', 'json'])).status)).toBe(0);
  });

  it('controller-failing: the controller reports its failure', async () => {
    set([
      {
        type: 'controller-failing',
        node: 'node-1',
        name: 'sync-to-k8s-ciliumendpoint (1)',
        message: 'forbidden',
      },
    ]);
    const ctrl = (
      (await statusJson('node-1')).controllers as { name: string; status: { 'last-failure-msg'?: string } }[]
    ).find((c) => c.name === 'sync-to-k8s-ciliumendpoint (1)');
    expect(ctrl?.status['last-failure-msg']).toBe('forbidden');
  });

  it('health-unreachable: that path has a status error in cilium-health', async () => {
    set([{ type: 'health-unreachable', from: 'node-1', to: 'node-3', target: 'endpoint', probe: 'http' }]);
    const nodes = (await healthJson('node-1')).nodes as {
      name: string;
      host: { 'primary-address': { http: { status?: string } } };
      'health-endpoint': { 'primary-address': { http: { status?: string }; icmp: { status?: string } } };
    }[];
    const n3 = nodes.find((n) => n.name === 'a/node-3');
    expect(n3?.['health-endpoint']['primary-address'].http.status).toContain(':4240/hello');
    expect(n3?.['health-endpoint']['primary-address'].icmp.status).toBeUndefined();
    expect(n3?.host['primary-address'].http.status).toBeUndefined();
    const fromNode2 = (await healthJson('node-2')).nodes as typeof nodes;
    expect(
      fromNode2.find((n) => n.name === 'a/node-3')?.['health-endpoint']['primary-address'].http.status,
    ).toBeUndefined();
  });

  it('health-latency: RTTs towards the node are at least the fault latency', async () => {
    set([{ type: 'health-latency', to: 'node-2', ms: 250 }]);
    const nodes = (await healthJson('node-1')).nodes as {
      name: string;
      host: { 'primary-address': { icmp: { latency: number } } };
    }[];
    expect(
      nodes.find((n) => n.name === 'a/node-2')?.host['primary-address'].icmp.latency,
    ).toBeGreaterThanOrEqual(250_000_000);
    expect(nodes.find((n) => n.name === 'a/node-3')?.host['primary-address'].icmp.latency).toBeLessThan(
      250_000_000,
    );
  });

  it('endpoint-state: CiliumEndpoints in that state appear in the namespace', async () => {
    set([{ type: 'endpoint-state', state: 'waiting-for-identity', count: 2, namespace: 'payments' }]);
    const list = (await kc.makeApiClient(CustomObjectsApi).listNamespacedCustomObject({
      group: 'cilium.io',
      version: 'v2',
      namespace: 'payments',
      plural: 'ciliumendpoints',
    })) as { items: { status: { state: string } }[] };
    expect(list.items.map((i) => i.status.state)).toEqual(['waiting-for-identity', 'waiting-for-identity']);
  });

  it('operator-unavailable: Deployment readyReplicas 0, pods not Ready', async () => {
    set([{ type: 'operator-unavailable' }]);
    const d = await apps().readNamespacedDeployment({ name: 'cilium-operator', namespace: 'kube-system' });
    expect(d.status?.readyReplicas ?? 0).toBe(0);
    expect(d.status?.unavailableReplicas).toBe(d.spec?.replicas);
  });

  it('hubble-down: hubble-relay not ready and agent hubble state not Ok', async () => {
    set([{ type: 'hubble-down' }]);
    const d = await apps().readNamespacedDeployment({ name: 'hubble-relay', namespace: 'kube-system' });
    expect(d.status?.readyReplicas ?? 0).toBe(0);
    expect((await statusJson('node-1')).hubble.state).not.toBe('Ok');
  });

  it('mesh-disconnected: this side reports the peer not ready, the peer side stays ready', async () => {
    set([
      {
        type: 'mesh-disconnected',
        peer: 'b',
        message: 'remote cluster configuration required but not found',
      },
    ]);
    const mine = (await statusJson('node-1'))['cluster-mesh'].clusters as { name: string; ready?: boolean }[];
    expect(mine.find((c) => c.name === 'b')?.ready ?? false).toBe(false);
    const theirs = (await statusJson('node-1', kubeConfigFor(sim, 'b')))['cluster-mesh'].clusters as {
      name: string;
      ready?: boolean;
    }[];
    expect(theirs.find((c) => c.name === 'a')?.ready).toBe(true);
  });

  it('a mesh peer missing from the scenario, or apiserver-down, shows not ready', async () => {
    set([{ type: 'apiserver-down' }], 'b');
    const peers = (await statusJson('node-1'))['cluster-mesh'].clusters as {
      name: string;
      ready?: boolean;
    }[];
    expect(peers.find((c) => c.name === 'ghost')?.ready ?? false).toBe(false);
    expect(peers.find((c) => c.name === 'b')?.ready ?? false).toBe(false);
  });

  it('dns-failure: the probe Job nslookup fails', async () => {
    set([{ type: 'dns-failure', mode: 'nxdomain' }]);
    const r = await runProbeJob('dns-probe');
    expect(r.phase).toBe('Failed');
    expect(r.logs[0]).toContain('NXDOMAIN');
  });

  it('service-refused and service-timeout: the probe Job nc fails', async () => {
    set([{ type: 'service-refused' }]);
    const refused = await runProbeJob('svc-refused');
    expect(refused.phase).toBe('Failed');
    expect(refused.logs[1]).toMatch(/refused/i);
    set([{ type: 'service-timeout' }]);
    const timeout = await runProbeJob('svc-timeout');
    expect(timeout.phase).toBe('Failed');
    expect(timeout.logs[1]).toMatch(/timed out/i);
  });

  it('job-pending: the Job pod stays Pending (Unschedulable / ImagePullBackOff)', async () => {
    set([{ type: 'job-pending', reason: 'Unschedulable' }]);
    const batch = kc.makeApiClient(BatchV1Api);
    await batch.createNamespacedJob({
      namespace: 'fleetcheck-probe',
      body: {
        metadata: { name: 'stuck' },
        spec: {
          template: {
            spec: {
              restartPolicy: 'Never',
              containers: [{ name: 'dns', image: 'busybox:1.36', command: ['nslookup', 'x'] }],
            },
          },
        },
      },
    });
    now += 60_000;
    const pod = (
      await core().listNamespacedPod({ namespace: 'fleetcheck-probe', labelSelector: 'job-name=stuck' })
    ).items[0];
    expect(pod?.status?.phase).toBe('Pending');
    expect(pod?.status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
    });
    set([{ type: 'job-pending', reason: 'ImagePullBackOff' }]);
    const pulled = (
      await core().listNamespacedPod({ namespace: 'fleetcheck-probe', labelSelector: 'job-name=stuck' })
    ).items[0];
    expect(pulled?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
    await batch.deleteNamespacedJob({
      name: 'stuck',
      namespace: 'fleetcheck-probe',
      propagationPolicy: 'Background',
    });
  });

  it('api-error: status + path regex + every n; 429 carries Retry-After', async () => {
    set([{ type: 'api-error', status: 429, path: '/pods$', every: 2 }]);
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push((await raw(sim, 'a', '/api/v1/namespaces/kube-system/pods')).status);
    expect(codes).toEqual([200, 429, 200, 429]);
    const limited = await raw(sim, 'a', '/api/v1/namespaces/kube-system/pods');
    expect(limited.status).toBe(200);
    const again = await raw(sim, 'a', '/api/v1/namespaces/kube-system/pods');
    expect(again.headers['retry-after']).toBe('1');
    expect((await raw(sim, 'a', '/api/v1/nodes')).status).toBe(200);
    set([{ type: 'api-error', status: 503 }]);
    expect(JSON.parse((await raw(sim, 'a', '/api/v1/nodes')).body)).toMatchObject({
      kind: 'Status',
      code: 503,
      reason: 'ServiceUnavailable',
    });
  });

  it('api-latency: requests do not answer before a short client deadline', async () => {
    set([{ type: 'api-latency', ms: 5000 }]);
    const slow = await raw(sim, 'a', '/api/v1/nodes', { signal: AbortSignal.timeout(300) }).then(
      () => 'answered',
      () => 'deadline',
    );
    expect(slow).toBe('deadline');
    sim.setFaults('a', []);
    expect((await core().listNode()).items).toHaveLength(3);
  });

  it('apiserver-down: connection refused, back when the fault ends', async () => {
    set([{ type: 'apiserver-down' }]);
    const err = await raw(sim, 'a', '/version').then(
      () => undefined,
      (e: NodeJS.ErrnoException) => e.code,
    );
    expect(err).toBe('ECONNREFUSED');
    sim.setFaults('a', []);
    const back = await eventually(
      async () => (await raw(sim, 'a', '/version').catch(() => undefined))?.status === 200,
    );
    expect(back).toBe(true);
  });

  it('exec-forbidden: 403 on the exec upgrade with the RBAC message', async () => {
    set([{ type: 'exec-forbidden' }]);
    const p = (await agent('node-1')).metadata?.name ?? '';
    const r = await raw(
      sim,
      'a',
      `/api/v1/namespaces/kube-system/pods/${p}/exec?command=cilium-dbg&container=cilium-agent&stdout=true`,
      {
        token: sim.clusters.find((c) => c.name === 'a')?.token ?? '',
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
          'Sec-WebSocket-Protocol': 'v5.channel.k8s.io',
        },
      },
    );
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).message).toBe(
      `pods "${p}" is forbidden: User "fleetcheck" cannot get resource "pods/exec" in API group "" in the namespace "kube-system"`,
    );
  });

  it('garbage-output: replaces stdout of that command kind only', async () => {
    set([{ type: 'garbage-output', command: 'status', stdout: 'garbage{{{' }]);
    expect((await exec('node-1', ['cilium-dbg', 'status', '-o', 'json'])).stdout).toBe('garbage{{{');
    expect(() => JSON.parse('garbage{{{')).toThrow();
    // cilium-health also probes the connected mesh peer's nodes (b/…): 3 local + 3 remote.
    const names = JSON.parse(
      (await exec('node-1', ['cilium-health', 'status', '-o', 'json'])).stdout,
    ).nodes.map((n: { name: string }) => n.name);
    expect(names.filter((n: string) => n.startsWith('a/'))).toHaveLength(3);
    expect(names.filter((n: string) => n.startsWith('b/'))).toHaveLength(3);
  });

  it('after/until windows follow the simulator clock (and watches see the change)', async () => {
    set([{ type: 'agent-not-ready', node: 'node-1', after: 10, until: 20 }]);
    const ready = async () =>
      (await apps().readNamespacedDaemonSet({ name: 'cilium', namespace: 'kube-system' })).status
        ?.numberReady;
    expect(await ready()).toBe(3);
    now = start + 10_000;
    expect(await ready()).toBe(2);
    now = start + 20_000;
    expect(await ready()).toBe(3);
    const seen: number[] = [];
    const w = await new Watch(kc).watch(
      '/apis/apps/v1/namespaces/kube-system/daemonsets',
      {},
      (type, obj: { status: { numberReady: number } }) => {
        if (type === 'MODIFIED') seen.push(obj.status.numberReady);
      },
      () => {},
    );
    set([{ type: 'agent-not-ready', node: 'node-1', after: 30 }]);
    now = start + 30_000;
    await eventually(async () => seen.includes(2));
    w.abort();
  });

  it('covers every fault type of the scenario schema', () => {
    expect([...covered].sort()).toEqual([...faultTypes].sort());
  });
});
