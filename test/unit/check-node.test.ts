import { describe, expect, it } from 'vitest';
import { FakeClusterApi, runFake } from '../fixtures/fake-cluster-api.ts';

const REACH = 'node.health.reachability';

function failProbe(
  api: FakeClusterApi,
  to: string,
  target: 'host' | 'health-endpoint',
  probes: ('icmp' | 'http')[],
) {
  api.editHealthTo(to, (e) => {
    const paths = [
      e[target]?.['primary-address'],
      ...(target === 'health-endpoint' && e.endpoint ? [e.endpoint] : []),
    ];
    for (const p of paths) {
      for (const probe of probes) {
        p[probe] =
          probe === 'icmp'
            ? { status: 'Connection timed out' }
            : {
                status: `Get "http://${p.ip}:4240/hello": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
              };
      }
    }
  });
}

describe('node.health.reachability', () => {
  it('fails a node unreachable over ICMP and HTTP', async () => {
    const api = new FakeClusterApi('1.16');
    failProbe(api, 'node-c', 'host', ['icmp', 'http']);
    const { one } = await runFake(api);
    const r = one(REACH, 'node-c');
    expect(r.status).toBe('fail');
    expect(r.hint).toMatch(/unreachable/);
    expect(r.metrics).toMatchObject({ pathsFailing: 4 });
    expect(one(REACH, 'node-a').status).toBe('pass');
    expect(one(REACH, 'node-b').status).toBe('pass');
  });

  it.each(['1.14', '1.15', '1.16', '1.17', '1.18'] as const)(
    'fails with the port-4240 hint when only HTTP fails (%s), not a business outage',
    async (minor) => {
      const api = new FakeClusterApi(minor);
      failProbe(api, 'node-b', 'health-endpoint', ['http']);
      const { one, run } = await runFake(api);
      const r = one(REACH, 'node-b');
      expect(r.status).toBe('fail');
      expect(r.hint).toMatch(/4240/);
      expect(r.hint).toMatch(/NOT a business/);
      expect(
        run.healthLinks?.filter((l) => !l.ok).every((l) => l.probe === 'http' && l.to === 'node-b'),
      ).toBe(true);
      expect(one('business.service.reach').status).toBe('pass');
    },
  );

  it('fails with the ICMP-filtering hint when only ICMP fails', async () => {
    const api = new FakeClusterApi('1.18');
    failProbe(api, 'node-a', 'host', ['icmp']);
    const r = (await runFake(api)).one(REACH, 'node-a');
    expect(r.status).toBe('fail');
    expect(r.hint).toMatch(/ICMP/);
  });

  it('gives error for unparseable health output, quoting it', async () => {
    const api = new FakeClusterApi('1.16');
    api.execHook = (pod, argv) =>
      argv[0] === 'cilium-health' && pod.nodeName === 'node-a'
        ? { stdout: '{"nodes": [', stderr: '', exitCode: 0, truncated: false, durationMs: 1 }
        : undefined;
    const r = (await runFake(api)).one(REACH, 'node-a');
    expect(r.status).toBe('error');
    expect(r.message).toContain('"{"nodes": ["');
  });

  it('passes --probe only when asked', async () => {
    const api = new FakeClusterApi('1.16');
    await runFake(api, { healthProbe: true, layers: ['node'] });
    expect(
      api.execs.filter((e) => e.argv[0] === 'cilium-health').every((e) => e.argv.includes('--probe')),
    ).toBe(true);
  });
});

describe('node.health.latency', () => {
  it('reports p50/p95/max and passes on a fast network', async () => {
    const r = (await runFake(new FakeClusterApi('1.16'))).one('node.health.latency');
    expect(r.status).toBe('pass');
    expect(r.metrics?.['rttP50Ms']).toBeGreaterThan(0);
    expect(r.metrics?.['rttP95Ms']).toBeGreaterThanOrEqual(r.metrics?.['rttP50Ms'] ?? 0);
    expect(r.metrics?.['rttMaxMs']).toBeGreaterThanOrEqual(r.metrics?.['rttP95Ms'] ?? 0);
  });

  it.each([
    [20, 'warn'],
    [80, 'fail'],
  ])('a node %i ms away → %s, naming it', async (ms, status) => {
    const api = new FakeClusterApi('1.17', 5);
    api.editHealthTo('node-d', (e) => {
      for (const t of ['host', 'health-endpoint']) {
        const p = e[t]['primary-address'];
        p.icmp.latency = ms * 1e6;
        p.http.latency = ms * 1e6 + 3e5;
      }
    });
    const { one } = await runFake(api);
    const r = one('node.health.latency');
    expect(r.status).toBe(status);
    expect(r.message).toMatch(/node-d/);
    expect(r.metrics?.['rttMaxMs']).toBeGreaterThanOrEqual(ms);
    expect(one(REACH, 'node-d').status).toBe('pass');
  });
});

describe('node.endpoints.state', () => {
  it.each([
    [0, 'pass'],
    [2, 'warn'],
    [12, 'fail'],
  ])('%i stuck endpoints → %s', async (n, status) => {
    const api = new FakeClusterApi('1.16');
    for (let i = 0; i < n; i++)
      api.endpoints.push({ name: `stuck-${i}`, namespace: 'shop', state: 'waiting-for-identity' });
    const r = (await runFake(api, { endpointsSettleMs: 1 })).one('node.endpoints.state');
    expect(r.status).toBe(status);
    expect(r.metrics?.['notReady']).toBe(n);
    if (n > 0) {
      expect(r.hint).toMatch(/identity/);
      expect(r.evidence?.['notReady']).toContain('shop/stuck-0 (waiting-for-identity)');
    }
  });
  it('skips when the endpoint CRD is disabled', async () => {
    const api = new FakeClusterApi('1.16');
    if (api.config) api.config['disable-endpoint-crd'] = 'true';
    expect((await runFake(api)).one('node.endpoints.state').status).toBe('skip');
  });
});
