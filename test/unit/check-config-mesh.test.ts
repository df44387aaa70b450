import { describe, expect, it } from 'vitest';
import { FakeClusterApi, runFake } from '../fixtures/fake-cluster-api.ts';

const KERNEL = 'config.kernel.version';
const IDENT = 'config.mesh.identity';
const DETECT = 'config.health.detection';
const PEER = 'mesh.peer.connected';

describe('config.kernel.version', () => {
  it('fails nodes below the minimum of the running version with a BPF hint', async () => {
    const api = new FakeClusterApi('1.18');
    const n = api.nodes[1];
    if (n) n.kernelVersion = '5.4.0-1045-aws';
    const { of } = await runFake(api);
    const fails = of(KERNEL).filter((r) => r.status === 'fail');
    expect(fails.map((r) => r.subject)).toEqual(['node-b']);
    expect(fails[0]?.message).toMatch(/5\.10/);
    expect(fails[0]?.hint).toMatch(/BPF/);
    expect(fails[0]?.hint).toMatch(/RHEL 8/);
  });
  it('accepts 5.4 on 1.16 and 4.19.57 on 1.14', async () => {
    const a = new FakeClusterApi('1.16');
    for (const n of a.nodes) n.kernelVersion = '5.4.0-1045-aws';
    expect((await runFake(a)).of(KERNEL).every((r) => r.status === 'pass')).toBe(true);
    const b = new FakeClusterApi('1.14');
    for (const n of b.nodes) n.kernelVersion = '4.19.57-113.222.amzn2.x86_64';
    expect((await runFake(b)).of(KERNEL).every((r) => r.status === 'pass')).toBe(true);
  });
  it('treats RHEL 8.10 4.18 as equivalent on 1.18 but not RHEL 8.6', async () => {
    const api = new FakeClusterApi('1.18');
    const [a, b] = api.nodes;
    if (a) a.kernelVersion = '4.18.0-553.el8_10.x86_64';
    if (b) b.kernelVersion = '4.18.0-372.9.1.el8.x86_64';
    const { of } = await runFake(api);
    expect(
      of(KERNEL)
        .filter((r) => r.status === 'fail')
        .map((r) => r.subject),
    ).toEqual(['node-b']);
  });
});

describe('config.mesh.identity', () => {
  it.each([
    ['cluster-id', '0', /cluster-id is 0/],
    ['cluster-id', 'abc', /not an integer/],
    ['cluster-id', '300', /not an integer in 0\.\.255/],
    ['cluster-name', 'default', /"default"/],
    ['cluster-name', 'Bad_Name', /DNS label/],
  ])('fails when %s is %s in a mesh', async (key, value, re) => {
    const api = new FakeClusterApi('1.16');
    if (api.config) api.config[key] = value;
    const r = (await runFake(api)).one(IDENT);
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(re);
    expect(r.hint).toMatch(/cluster\.id/);
  });
  it('fails when a peer reports the same cluster-id', async () => {
    const api = new FakeClusterApi('1.16');
    api.editStatus((s) => {
      s['cluster-mesh'].clusters[0].config['cluster-id'] = 1;
    });
    const r = (await runFake(api)).one(IDENT);
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/clashes with peer cluster2/);
  });
  it('does not flag a fleet name that differs from cluster-name (pairs match by cluster-name)', async () => {
    const api = new FakeClusterApi('1.16');
    const r = (await runFake(api, {}, { name: 'prod-use1' })).one(IDENT);
    expect(r.status).toBe('pass');
  });
  it('ignores the local cluster in its own clustermesh secret, as the agents do', async () => {
    const api = new FakeClusterApi('1.16');
    api.meshSecret = {
      cluster1: 'endpoints:\n- https://cluster1.mesh.cilium.io:2379\n',
      cluster2: 'endpoints:\n- https://cluster2.mesh.cilium.io:2379\n',
    };
    const { of, one } = await runFake(api);
    expect(one(IDENT).status).toBe('pass');
    expect(of(PEER).map((r) => [r.subject, r.status])).toEqual([['cluster2', 'pass']]);
  });
  it('accepts the default identity outside a mesh', async () => {
    const api = new FakeClusterApi('1.16');
    api.config = { 'enable-hubble': 'true' };
    api.meshSecret = null;
    api.editStatus((s) => {
      s['cluster-mesh'] = { clusters: [] };
    });
    const { one } = await runFake(api);
    expect(one(IDENT).status).toBe('pass');
    expect(one(PEER).status).toBe('skip');
  });
});

describe('config.health.detection', () => {
  it('uses the probeInterval cilium-health reports from 1.18 against the budget', async () => {
    const api = new FakeClusterApi('1.18');
    const { one } = await runFake(api, { detectionBudgetSeconds: 60 });
    const r = one(DETECT);
    expect(r.status).toBe('warn');
    expect(r.metrics?.['probeIntervalSeconds']).toBeCloseTo(116.8, 1);
    expect(r.message).toMatch(/reported by cilium-health/);
    expect(r.hint).toMatch(/^Lower `connectivity-probe-frequency-ratio`/);
    expect(
      (await runFake(new FakeClusterApi('1.18'), { detectionBudgetSeconds: 300 })).one(DETECT).status,
    ).toBe('pass');
  });
  it('models (10 + ratio × 100) s × ln(1 + probed IPs) on 1.18+ when no interval is reported, counting mesh nodes', async () => {
    const api = new FakeClusterApi('1.19');
    for (const h of api.health.values()) delete h.probeInterval;
    if (api.config) api.config['connectivity-probe-frequency-ratio'] = '0.2';
    const r = (await runFake(api)).one(DETECT);
    // 3 local + 3 remote (cluster2) nodes, 2 IPs each; base 10 + 0.2 × 100 = 30 s
    expect(r.metrics?.['probedIPs']).toBe(12);
    expect(r.metrics?.['probeIntervalSeconds']).toBeCloseTo(Math.round(300 * Math.log(13)) / 10, 5);
    expect(r.status).toBe('pass');
  });
  it.each(['1.14', '1.16', '1.17'] as const)(
    'never warns a %s cluster of 100 nodes: the probe ticker is a fixed 60 s before 1.18',
    async (minor) => {
      const api = new FakeClusterApi(minor, 100);
      const r = (await runFake(api, { sampleAgents: 2 })).one(DETECT);
      expect(r.status).toBe('pass');
      expect(r.metrics?.['probeIntervalSeconds']).toBe(60);
      expect(r.message).toMatch(/fixed 60 s ticker/);
      const tight = (await runFake(api, { sampleAgents: 2, detectionBudgetSeconds: 30 })).one(DETECT);
      expect(tight.status).toBe('warn');
      expect(tight.hint).toMatch(/arrives in 1\.18/);
    },
  );
  it('warns when health checking is disabled', async () => {
    const api = new FakeClusterApi('1.16');
    if (api.config) api.config['enable-health-checking'] = 'false';
    const { one } = await runFake(api);
    expect(one(DETECT).status).toBe('warn');
    expect(one('node.health.reachability').status).toBe('skip');
    expect(one('node.health.latency').status).toBe('skip');
    expect(api.execs.some((e) => e.argv[0] === 'cilium-health')).toBe(false);
  });
});

describe('mesh.peer.connected', () => {
  it('fails a configured peer that agents report not ready, quoting their status', async () => {
    const api = new FakeClusterApi('1.16');
    api.editStatus((s) => {
      const c = s['cluster-mesh'].clusters[0];
      c.ready = undefined;
      c.connected = undefined;
      c.status = 'remote cluster configuration required but not found';
      c['num-failures'] = 4;
    }, 'node-b');
    const { one, run } = await runFake(api);
    const r = one(PEER, 'cluster2');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/not ready on 1\/3/);
    expect(r.message).toMatch(/configuration required but not found/);
    expect(r.hint).toMatch(/troubleshoot clustermesh cluster2/);
    expect(r.metrics?.['numFailures']).toBe(4);
    expect(run.mesh?.[0]).toMatchObject({ peer: 'cluster2', agentsReady: 2, agentsSampled: 3, ready: false });
  });
  it('fails a configured peer no agent knows', async () => {
    const api = new FakeClusterApi('1.15');
    api.meshSecret = { ...api.meshSecret, cluster3: 'endpoints:\n- https://cluster3.mesh.cilium.io:2379\n' };
    const { one } = await runFake(api);
    expect(one(PEER, 'cluster3').status).toBe('fail');
    expect(one(PEER, 'cluster2').status).toBe('pass');
  });
  it('fails an expected peer missing from the secret, with the connect hint', async () => {
    const api = new FakeClusterApi('1.16');
    const r = (await runFake(api, {}, { expectedPeers: ['cluster9'] })).one(PEER, 'cluster9');
    expect(r.status).toBe('fail');
    expect(r.hint).toMatch(/missing from the kube-system\/cilium-clustermesh secret/);
  });
  it('warns about a peer reported but not configured; ignores secret keys without endpoints', async () => {
    const api = new FakeClusterApi('1.18');
    api.meshSecret = { 'ca.crt': '-----BEGIN CERTIFICATE-----' };
    const { one, of } = await runFake(api);
    expect(one(PEER, 'cluster2').status).toBe('warn');
    expect(of(PEER).length).toBe(1);
  });
});

describe('version.skew', () => {
  it('warns on mixed patch/adjacent minor and fails beyond one minor', async () => {
    const api = new FakeClusterApi('1.16');
    const c = api.agentPods[0]?.containers[0];
    if (c) c.image = 'quay.io/cilium/cilium:v1.15.11@sha256:1';
    const r = (await runFake(api)).one('version.skew');
    expect(r.status).toBe('warn');
    expect(r.message).toMatch(/1\.15\.11, 1\.16\.5/);
    if (c) c.image = 'quay.io/cilium/cilium:v1.14.12@sha256:1';
    expect((await runFake(api)).one('version.skew').status).toBe('fail');
  });
  it('sees an agent reporting another version than its image', async () => {
    const api = new FakeClusterApi('1.16');
    api.editStatus((s) => {
      s.cilium.msg = '1.17.6 (v1.17.6-c9a3e1f4)';
    }, 'node-a');
    expect((await runFake(api)).one('version.skew').status).toBe('warn');
  });
});
