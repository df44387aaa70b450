import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterApiFromEndpoint } from '../../core/kube/factories.ts';
import { parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { raw } from './sim-helpers.ts';

const scenario = parseScenario(`version: 1
seed: 5
defaults: { latency: { apiMs: 0, execMs: 0, jobStartSeconds: 0 } }
clusters:
  - name: big
    nodes: 7
`);

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator(scenario);
});
afterAll(async () => {
  await sim?.stop();
});

interface List {
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: { metadata: { name: string; namespace?: string } }[];
}

async function get(path: string): Promise<{ status: number; list: List }> {
  const r = await raw(sim, 'big', path);
  return { status: r.status, list: JSON.parse(r.body) as List };
}

describe('simulator chunked lists (limit / continue)', () => {
  it('pages nodes in key order with an opaque continue token and remainingItemCount', async () => {
    const all = (await get('/api/v1/nodes')).list;
    expect(all.metadata.continue).toBeUndefined();
    const names = all.items.map((n) => n.metadata.name);
    expect(names).toHaveLength(7);
    expect([...names].sort()).toEqual(names);
    const seen: string[] = [];
    const remaining: (number | undefined)[] = [];
    let cont = '';
    do {
      const { status, list } = await get(`/api/v1/nodes?limit=3${cont ? `&continue=${cont}` : ''}`);
      expect(status).toBe(200);
      expect(list.metadata.resourceVersion).toBe(all.metadata.resourceVersion);
      seen.push(...list.items.map((n) => n.metadata.name));
      remaining.push(list.metadata.remainingItemCount);
      cont = list.metadata.continue ?? '';
    } while (cont);
    expect(seen).toEqual(names);
    expect(remaining).toEqual([4, 1, undefined]);
  });

  it('encodes the token as kube-apiserver does (base64url JSON: v, rv, start key + NUL)', async () => {
    const { list } = await get('/api/v1/nodes?limit=2');
    const token = JSON.parse(Buffer.from(list.metadata.continue ?? '', 'base64url').toString()) as unknown;
    expect(token).toEqual({
      v: 'meta.k8s.io/v1',
      rv: Number(list.metadata.resourceVersion),
      start: `${list.items[1]?.metadata.name}\u0000`,
    });
  });

  it('leaves remainingItemCount out when a selector filters the list', async () => {
    const { list } = await get('/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dcilium&limit=2');
    expect(list.items).toHaveLength(2);
    expect(list.metadata.continue).toBeTruthy();
    expect(list.metadata.remainingItemCount).toBeUndefined();
  });

  it('answers 400 to a continue token it cannot decode, and to continue with a resourceVersion', async () => {
    expect((await raw(sim, 'big', '/api/v1/nodes?limit=2&continue=bm9wZQ')).status).toBe(400);
    const { list } = await get('/api/v1/nodes?limit=2');
    const both = `/api/v1/nodes?limit=2&continue=${list.metadata.continue}&resourceVersion=1`;
    expect((await raw(sim, 'big', both)).status).toBe(400);
  });

  it('is followed to the end by the ClusterApi reads', async () => {
    const c = sim.clusters.find((x) => x.name === 'big');
    if (!c) throw new Error('no cluster');
    const api = clusterApiFromEndpoint({
      name: 'big',
      server: c.server,
      caData: Buffer.from(sim.caPem).toString('base64'),
      token: async () => c.token,
      limits: { listPageSize: 3 },
    });
    try {
      sim.resetStats();
      expect((await api.listNodes()).map((n) => n.name)).toHaveLength(7);
      expect(sim.stats('big').requestsByResource['list nodes']).toBe(3);
      const eps = await api.summarizeCiliumEndpoints();
      const all = (await get('/apis/cilium.io/v2/ciliumendpoints')).list.items;
      expect(eps.total).toBe(all.length);
      expect(eps.total).toBeGreaterThan(3);
    } finally {
      api.close();
    }
  });
});
