import { describe, expect, it } from 'vitest';
import { defaultCheckSettings } from '../../core/checks/check.ts';
import { clusterChecksRunner } from '../../core/checks/run.ts';
import { FakeClusterApi, fakeTarget, runFake } from '../fixtures/fake-cluster-api.ts';
import { virtualClock } from '../fixtures/virtual-clock.ts';

const REACH = 'node.health.reachability';
const LATENCY = 'node.health.latency';
const EPS = 'node.endpoints.state';

const ok = (ns: number) => ({ latency: ns, lastProbed: '2025-08-03T14:23:55Z' });
const timedOut = { status: 'Connection timed out', lastProbed: '2025-08-03T14:23:55Z' };

describe('node.health.reachability follows Cilium nodeIsHealthy', () => {
  it('fails a node whose IPv6 secondary host path is dead, naming node and address', async () => {
    const api = new FakeClusterApi('1.16');
    api.editHealthTo('node-c', (e) => {
      e.host['secondary-addresses'] = [{ ip: 'fd00:10::13', icmp: timedOut, http: ok(400_000) }];
    });
    const { one } = await runFake(api);
    const r = one(REACH, 'node-c');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('fd00:10::13 (secondary)');
    expect(r.message).toContain('node-c');
    expect(r.hint).toMatch(/ICMP/);
    expect(one(REACH, 'node-b').status).toBe('pass');
  });

  it('passes a dual-stack node whose secondary paths answer, counting them', async () => {
    const api = new FakeClusterApi('1.16');
    api.editHealthTo('node-c', (e) => {
      e.host['secondary-addresses'] = [{ ip: 'fd00:10::13', icmp: ok(1), http: ok(1) }];
    });
    const r = (await runFake(api)).one(REACH, 'node-c');
    expect(r.status).toBe('pass');
    // 2 peers × (host primary + host secondary + endpoint primary) × 2 probes
    expect(r.metrics?.['paths']).toBe(12);
  });

  it('fails a node whose host has no primary address (Cilium: nil path = unreachable)', async () => {
    const api = new FakeClusterApi('1.16');
    api.editHealthTo('node-b', (e) => {
      delete e.host['primary-address'];
    });
    const r = (await runFake(api)).one(REACH, 'node-b');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/no address reported/);
  });

  it('leaves probes without a result yet out (unknown is not unreachable)', async () => {
    const api = new FakeClusterApi('1.16');
    api.editHealthTo('node-b', (e) => {
      e.host['secondary-addresses'] = [{ ip: 'fd00:10::12' }];
    });
    expect((await runFake(api)).one(REACH, 'node-b').status).toBe('pass');
  });

  it('judges a mesh peer node as <cluster>/<node>, never merged into the local node of that name', async () => {
    const api = new FakeClusterApi('1.16');
    for (const h of api.health.values()) {
      const template = structuredClone(h.nodes[1]);
      h.nodes.push({ ...template, name: 'cluster2/node-b' });
      h.nodes.at(-1).host['primary-address'].icmp = timedOut;
      h.nodes.at(-1).host['primary-address'].http = {
        status: 'Get "http://10.1.0.12:4240/hello": context deadline exceeded',
      };
      h.nodes.at(-1)['health-endpoint']['primary-address'].icmp = ok(90_000_000);
    }
    const { one, of } = await runFake(api);
    const remote = one(REACH, 'cluster2/node-b');
    expect(remote.status).toBe('fail');
    expect(remote.message).toMatch(/mesh data paths to cluster2\/node-b \(cluster cluster2\)/);
    expect(remote.evidence).toMatchObject({ meshPeer: 'cluster2', node: 'node-b' });
    expect(remote.hint).toMatch(/ClusterMesh peer cluster2/);
    expect(one(REACH, 'node-b').status).toBe('pass');
    expect(of(REACH).map((r) => r.subject)).not.toContain('cluster2');
    // The remote 90 ms endpoint RTT is another cluster's path, not this cluster's latency.
    expect(one(LATENCY).status).toBe('pass');
  });

  it('tells mesh nodes apart by the cilium-config cluster-name when an agent reports no local name', async () => {
    const api = new FakeClusterApi('1.16');
    for (const h of api.health.values()) {
      delete h.local;
      const remote = structuredClone(h.nodes[1]);
      remote.name = 'cluster2/node-b';
      remote.host['primary-address'].icmp = timedOut;
      h.nodes.push(remote);
    }
    const { one } = await runFake(api);
    expect(one(REACH, 'cluster2/node-b').status).toBe('fail');
    expect(one(REACH, 'node-b').status).toBe('pass');
  });
});

describe('node.endpoints.state counts transitional states only when they persist', () => {
  const rollout = (api: FakeClusterApi) => {
    for (let i = 0; i < 40; i++)
      api.endpoints.push({
        name: `web-${i}`,
        namespace: 'shop',
        state: i % 2 ? 'regenerating' : 'waiting-to-regenerate',
      });
  };
  const run = async (api: FakeClusterApi, during: () => void) => {
    const waits: number[] = [];
    const runner = clusterChecksRunner({
      clock: virtualClock(),
      sleep: async (ms) => {
        waits.push(ms);
        during();
      },
    });
    const res = await runner(api, fakeTarget(api), defaultCheckSettings, new AbortController().signal);
    return { r: res.results.find((x) => x.check === EPS), waits };
  };

  it('passes a rollout whose endpoints are ready when re-read', async () => {
    const api = new FakeClusterApi('1.16');
    rollout(api);
    const { r, waits } = await run(api, () => {
      for (const e of api.endpoints) e.state = 'ready';
    });
    expect(waits).toEqual([defaultCheckSettings.endpointsSettleMs]);
    expect(r?.status).toBe('pass');
    expect(r?.message).toMatch(/40 in a transitional state became ready on re-read/);
  });

  it('fails endpoints still regenerating after the wait, naming them', async () => {
    const api = new FakeClusterApi('1.16');
    rollout(api);
    const { r } = await run(api, () => undefined);
    expect(r?.status).toBe('fail');
    expect(r?.metrics?.['notReady']).toBe(40);
    expect(r?.evidence?.['notReady']).toContain('shop/web-1 (regenerating)');
  });

  it('does not count an endpoint that only entered a transitional state during the wait', async () => {
    const api = new FakeClusterApi('1.16');
    api.endpoints.push({ name: 'a', namespace: 'shop', state: 'regenerating' });
    const { r } = await run(api, () => {
      for (const e of api.endpoints) e.state = e.name === 'a' ? 'ready' : 'regenerating';
    });
    expect(r?.status).toBe('pass');
  });

  it('counts not-ready at once, without waiting', async () => {
    const api = new FakeClusterApi('1.16');
    for (let i = 0; i < 12; i++) api.endpoints.push({ name: `p-${i}`, namespace: 'pay', state: 'not-ready' });
    const { r, waits } = await run(api, () => undefined);
    expect(waits).toEqual([]);
    expect(r?.status).toBe('fail');
  });
});
