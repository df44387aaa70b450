import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFleetcheckError } from '../../core/errors.ts';
import { clusterApiFromEndpoint } from '../../core/kube/factories.ts';
import type { KubeClusterApi } from '../../core/kube/kube-cluster-api.ts';
import { type FakeApi, sendJson, startFakeApi, status } from '../fixtures/fleet/fake-kube-api.ts';

let fake: FakeApi;
let api: KubeClusterApi;
let deleteBody = '';

const node = (name: string, ready: string) => ({
  metadata: { name, labels: { a: 'b' } },
  status: {
    conditions: [{ type: 'Ready', status: ready }],
    nodeInfo: { kernelVersion: '6.1.0' },
    addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
  },
});

beforeAll(async () => {
  fake = await startFakeApi(
    {
      'GET /api/v1/nodes': (_q, res, n) =>
        n <= 2
          ? sendJson(res, 429, status(429, 'TooManyRequests'), { 'Retry-After': '0' })
          : sendJson(res, 200, { kind: 'NodeList', items: [node('n1', 'True'), node('n2', 'False')] }),
      'GET /api/v1/namespaces/kube-system/pods': (_q, res) => sendJson(res, 403, status(403, 'Forbidden')),
      'GET /apis/apps/v1/namespaces/kube-system/deployments/cilium-operator': (_q, res) =>
        sendJson(res, 503, status(503, 'ServiceUnavailable')),
      'GET /api/v1/namespaces/kube-system/configmaps/slow': (_q, res) => {
        setTimeout(() => sendJson(res, 200, { data: {} }), 2000).unref();
      },
      'GET /api/v1/namespaces/kube-system/secrets/cilium-clustermesh': (_q, res) =>
        sendJson(res, 200, {
          data: { peer: Buffer.from('endpoints:\n- https://x:2379\n').toString('base64') },
        }),
      'GET /apis/cilium.io/v2/ciliumendpoints': (req, res) => {
        const q = new URL(req.url ?? '', 'http://x').searchParams;
        const cep = (name: string, state?: string) => ({
          metadata: { name, namespace: 'default' },
          ...(state ? { status: { state, ...(state === 'ready' ? { identity: { id: 5 } } : {}) } } : {}),
        });
        if (q.get('continue') === 'page-2')
          return sendJson(res, 200, { metadata: {}, items: [cep('e3', 'not-ready'), cep('e4')] });
        sendJson(res, 200, {
          metadata: { continue: 'page-2', remainingItemCount: 2 },
          items: [cep('e1', 'ready'), cep('e2', 'waiting-for-identity')],
        });
      },
      'DELETE /apis/batch/v1/namespaces/fleetcheck-probe/jobs/j1': (req, res) => {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          deleteBody = body + new URL(req.url ?? '', 'http://x').search;
          sendJson(res, 200, { kind: 'Status', status: 'Success', metadata: {} });
        });
      },
    },
    () => {},
  );
  api = clusterApiFromEndpoint({
    name: 'rest',
    server: fake.server,
    skipTLSVerify: true,
    token: async () => 't',
    limits: { apiDeadlineMs: 1500, retries: 2 },
  });
});
afterAll(() => fake.stop());

describe('ClusterApi REST calls', () => {
  it('retries 429 honouring Retry-After, then maps nodes', async () => {
    const before = api.runner.stats.retries;
    const nodes = await api.listNodes();
    expect(api.runner.stats.retries - before).toBe(2);
    expect(nodes).toEqual([
      { name: 'n1', ready: true, kernelVersion: '6.1.0', internalIP: '10.0.0.1', labels: { a: 'b' } },
      { name: 'n2', ready: false, kernelVersion: '6.1.0', internalIP: '10.0.0.1', labels: { a: 'b' } },
    ]);
  });

  it('maps 403 to access-denied naming verb, resource and namespace', async () => {
    const err = await api.listPods('kube-system', 'k8s-app=cilium').catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'access-denied')).toBe(true);
    expect((err as Error).message).toBe(
      'forbidden: cannot list pods in namespace kube-system (RBAC: see deploy/rbac.yaml)',
    );
  });

  it('returns null for an absent DaemonSet', async () => {
    expect(await api.getDaemonSet('kube-system', 'cilium')).toBeNull();
  });

  it('retries 5xx a bounded number of times then throws server-error', async () => {
    const before = fake.requests.length;
    const err = await api.getDeployment('kube-system', 'cilium-operator').catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'server-error')).toBe(true);
    expect(fake.requests.length - before).toBe(3);
  });

  it('throws timeout when the answer does not come within the deadline', async () => {
    const err = await api.getConfigMap('kube-system', 'slow').catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'timeout')).toBe(true);
  });

  it('honours the caller signal', async () => {
    const ac = new AbortController();
    ac.abort();
    const err = await api.getConfigMap('kube-system', 'slow', { signal: ac.signal }).catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'timeout')).toBe(true);
  });

  it('decodes secret values', async () => {
    const s = await api.getSecret('kube-system', 'cilium-clustermesh');
    expect(s?.peer).toContain('endpoints:');
  });

  it('counts CiliumEndpoints page by page (limit / continue), keeping a bounded sample of names', async () => {
    const before = fake.requests.length;
    const eps = await api.summarizeCiliumEndpoints({ sampleSize: 1 });
    expect(eps).toEqual({
      total: 4,
      byState: { ready: 1, 'waiting-for-identity': 1, 'not-ready': 1, unknown: 1 },
      notReady: 2,
      notReadySample: [{ name: 'e2', namespace: 'default', state: 'waiting-for-identity' }],
    });
    const urls = fake.requests.slice(before).map((r) => new URL(r.url, 'http://x').searchParams);
    expect(urls.map((q) => [q.get('limit'), q.get('continue')])).toEqual([
      ['500', null],
      ['500', 'page-2'],
    ]);
  });

  it('deletes jobs with propagationPolicy Background and tolerates 404', async () => {
    await api.deleteJob('fleetcheck-probe', 'j1');
    expect(deleteBody).toContain('Background');
    await expect(api.deleteJob('fleetcheck-probe', 'absent')).resolves.toBeUndefined();
  });

  it('namespaceExists is false on 404', async () => {
    expect(await api.namespaceExists('fleetcheck-probe')).toBe(false);
  });

  it('maps a refused connection to unreachable without leaking the token', async () => {
    const down = clusterApiFromEndpoint({
      name: 'down',
      server: 'http://127.0.0.1:1',
      skipTLSVerify: true,
      token: async () => 'secret-token-value',
    });
    const err = await down.listNodes().catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'unreachable')).toBe(true);
    expect((err as Error).message).toContain('ECONNREFUSED');
    expect(
      JSON.stringify({ m: (err as Error).message, c: (err as { context: unknown }).context }),
    ).not.toContain('secret-token-value');
  });
});
