import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFleetcheckError } from '../../core/errors.ts';
import { loadFleet } from '../../core/fleet/load-fleet.ts';
import { clusterApiFromEndpoint, clusterApiFromKubeconfig } from '../../core/kube/factories.ts';
import type { KubeClusterApi } from '../../core/kube/kube-cluster-api.ts';
import { parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';

const scenario = parseScenario(`
version: 1
defaults: { nodes: 2, ciliumVersion: 1.16.5, latency: { apiMs: 0, execMs: 0, jobStartSeconds: 0 } }
clusters:
  - name: a
  - name: r
    faults: [{ type: api-error, status: 429, path: '/nodes', every: 2 }]
  - name: q
    faults: [{ type: api-error, status: 429, path: '/nodes' }]
  - name: e
    faults: [{ type: api-error, status: 500, path: '/deployments' }]
  - name: d
    faults: [{ type: apiserver-down }]
  - name: l
    faults: [{ type: api-latency, ms: 3000 }]
  - name: h
    faults: [{ type: agent-hang }]
  - name: f
    faults: [{ type: exec-forbidden }]
`);

let sim: Simulator;
let dir: string;
let kubeconfig: string;
const api = (context: string, limits = {}): Promise<KubeClusterApi> =>
  clusterApiFromKubeconfig({ files: [kubeconfig], context, limits });

async function agentPod(c: KubeClusterApi): Promise<string> {
  const pods = await c.listPods('kube-system', 'k8s-app=cilium');
  const name = pods[0]?.name;
  if (!name) throw new Error('no agent pod');
  return name;
}

beforeAll(async () => {
  sim = await startSimulator(scenario);
  dir = await mkdtemp(join(tmpdir(), 'fleetcheck-kube-'));
  kubeconfig = join(dir, 'kubeconfig.yaml');
  await sim.writeKubeconfig(kubeconfig);
});
afterAll(async () => {
  await sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('ClusterApi against the simulator over HTTPS', () => {
  it('lists and gets the objects checks read', async () => {
    const c = await api('a');
    expect((await c.serverVersion()).gitVersion).toMatch(/^v1\.\d+/);
    const nodes = await c.listNodes();
    expect(nodes).toHaveLength(2);
    expect(nodes.every((n) => n.ready && n.kernelVersion !== '')).toBe(true);
    const agents = await c.listPods('kube-system', 'k8s-app=cilium');
    expect(agents).toHaveLength(2);
    expect(agents[0]?.containers.map((x) => x.name)).toContain('cilium-agent');
    const ds = await c.getDaemonSet('kube-system', 'cilium');
    expect(ds).toMatchObject({ kind: 'DaemonSet', desired: 2, ready: 2 });
    expect(ds?.images[0]).toContain('1.16.5');
    expect(await c.getDeployment('kube-system', 'cilium-operator')).toMatchObject({ kind: 'Deployment' });
    const other = await c.getDaemonSet('kube-system', 'absent').catch((e: unknown) => e);
    expect(isFleetcheckError(other, 'access-denied')).toBe(true);
    expect((await c.getConfigMap('kube-system', 'cilium-config'))?.['cluster-name']).toBe('a');
    expect(await c.namespaceExists('fleetcheck-probe')).toBe(true);
    await expect(c.namespaceExists('nope')).rejects.toThrow(/forbidden: cannot get namespaces/);
    expect((await c.summarizeCiliumEndpoints()).total).toBeGreaterThan(0);
  });

  it('execs cilium-dbg status -o json and reads exit code 0', async () => {
    const c = await api('a');
    const r = await c.exec(
      'kube-system',
      await agentPod(c),
      'cilium-agent',
      ['cilium-dbg', 'status', '-o', 'json'],
      {
        deadlineMs: 5000,
      },
    );
    expect(r.exitCode).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(sim.stats('a').execByCommand['cilium-dbg status']).toBeGreaterThanOrEqual(1);
  });

  it('reports a missing binary as failure without exit code', async () => {
    const c = await api('a');
    const r = await c.exec('kube-system', await agentPod(c), 'cilium-agent', ['no-such-binary'], {
      deadlineMs: 5000,
    });
    expect(r.exitCode).toBeNull();
    expect(r.failure).toContain('executable file not found');
  });

  it('runs a Job: create, wait, pods, logs, list by label, delete', async () => {
    const c = await api('a');
    const labels = { 'app.kubernetes.io/managed-by': 'fleetcheck', 'fleetcheck.io/run': 't1' };
    await c.createJob({
      namespace: 'fleetcheck-probe',
      name: 'probe-t1',
      labels,
      containers: [
        { name: 'dns', image: 'busybox:1.36', argv: ['nslookup', 'kubernetes.default.svc.cluster.local'] },
      ],
      activeDeadlineSeconds: 30,
      ttlSecondsAfterFinished: 60,
    });
    const finished = (j: typeof job) =>
      j?.conditions.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
    let job = await c.getJob('fleetcheck-probe', 'probe-t1');
    for (let i = 0; i < 50 && !finished(job); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = await c.getJob('fleetcheck-probe', 'probe-t1');
    }
    expect(finished(job)?.type).toBe('Complete');
    const pods = await c.listJobPods('fleetcheck-probe', 'probe-t1');
    expect(pods).toHaveLength(1);
    const logs = await c.podLogs('fleetcheck-probe', pods[0]!.name, 'dns');
    expect(logs).toContain('kubernetes.default.svc.cluster.local');
    const listed = await c.listJobs('fleetcheck-probe', 'fleetcheck.io/run=t1');
    expect(listed.map((j) => j.name)).toEqual(['probe-t1']);
    await c.deleteJob('fleetcheck-probe', 'probe-t1');
    await c.deleteJob('fleetcheck-probe', 'probe-t1');
    expect(await c.getJob('fleetcheck-probe', 'probe-t1')).toBeNull();
    expect(sim.stats('a').jobsDeleted).toBe(1);
  });

  it('maps a 403 exec upgrade to access-denied naming the exec verb of the server version', async () => {
    const c = await api('f');
    const err = await c
      .exec('kube-system', await agentPod(c), 'cilium-agent', ['cilium-dbg', 'status'], { deadlineMs: 5000 })
      .catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'access-denied')).toBe(true);
    expect((err as Error).message).toBe(
      'forbidden: cannot get pods/exec in namespace kube-system (Kubernetes 1.32 authorises a WebSocket exec as get on pods/exec; RBAC: see deploy/rbac.yaml)',
    );
  });

  it('retries a 429 honouring Retry-After (the simulator counts the retry)', async () => {
    const c = await api('r');
    await c.listNodes();
    await c.listNodes();
    expect(c.runner.stats.retries).toBe(1);
    expect(sim.stats('r').requestsByResource['list nodes']).toBe(3);
  });

  it('gives up on a persistent 429 with rate-limited after bounded retries', async () => {
    const c = await api('q', { retries: 2, rateLimitRetries: 2 });
    const err = await c.listNodes().catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'rate-limited')).toBe(true);
    expect(sim.stats('q').requestsByResource['list nodes']).toBe(3);
  });

  it('retries a 500 then throws server-error', async () => {
    const c = await api('e', { retries: 2 });
    const err = await c.getDeployment('kube-system', 'cilium-operator').catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'server-error')).toBe(true);
    expect(sim.stats('e').requestsByResource['get deployments']).toBe(3);
  });

  it('maps a down API server to unreachable', async () => {
    const c = await api('d', { apiDeadlineMs: 2000 });
    const err = await c.listNodes().catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'unreachable') || isFleetcheckError(err, 'timeout')).toBe(true);
    expect(isFleetcheckError(err, 'unreachable')).toBe(true);
  });

  it('throws timeout when API latency exceeds the deadline', async () => {
    const c = await api('l', { apiDeadlineMs: 500 });
    const err = await c.listNodes().catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'timeout')).toBe(true);
  });

  it('terminates a hanging agent exec after deadlineMs with timeout', async () => {
    const c = await api('h');
    const pod = await agentPod(c);
    const err = await c
      .exec('kube-system', pod, 'cilium-agent', ['cilium-dbg', 'status', '-o', 'json'], { deadlineMs: 700 })
      .catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'timeout')).toBe(true);
    const health = await c.exec(
      'kube-system',
      pod,
      'cilium-agent',
      ['cilium-health', 'status', '-o', 'json'],
      {
        deadlineMs: 5000,
      },
    );
    expect(health.exitCode).toBe(0);
  });

  it('works with an endpoint + token provider and through loadFleet', async () => {
    const a = sim.clusters.find((x) => x.name === 'a')!;
    let calls = 0;
    const c = clusterApiFromEndpoint({
      name: 'a',
      server: a.server,
      caData: Buffer.from(sim.caPem).toString('base64'),
      token: async () => {
        calls++;
        return a.token;
      },
    });
    expect(await c.listNodes()).toHaveLength(2);
    expect(calls).toBe(1);
    const targets = await loadFleet({ kubeconfig, contexts: ['a'] });
    const viaFleet = await targets[0]!.connect();
    expect(viaFleet.cluster).toBe('a');
    expect(await viaFleet.listNodes()).toHaveLength(2);
  });
});
