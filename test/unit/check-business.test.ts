import { describe, expect, it } from 'vitest';
import { FleetcheckError } from '../../core/errors.ts';
import { apiError, FakeClusterApi, runFake } from '../fixtures/fake-cluster-api.ts';

const DNS = 'business.dns.resolve';
const SVC = 'business.service.reach';

describe('business probe Job', () => {
  it('creates a labelled busybox Job with deadline and TTL, runs argv, and deletes it', async () => {
    const api = new FakeClusterApi('1.16');
    let spec: Parameters<FakeClusterApi['createJob']>[0] | undefined;
    const create = api.createJob.bind(api);
    api.createJob = async (s) => {
      spec = s;
      return create(s);
    };
    const { one } = await runFake(
      api,
      {},
      {
        probeTargets: [
          { target: 'orders.shop.svc:8080' },
          { target: 'https://example.internal/healthz', name: 'portal' },
        ],
      },
    );
    expect(spec?.namespace).toBe('fleetcheck-probe');
    expect(spec?.name).toMatch(/^fleetcheck-probe-[0-9a-f]+$/);
    expect(spec?.labels['app.kubernetes.io/managed-by']).toBe('fleetcheck');
    expect(spec?.activeDeadlineSeconds).toBeGreaterThan(0);
    expect(spec?.ttlSecondsAfterFinished).toBeGreaterThan(0);
    expect(spec?.containers.map((c) => c.argv)).toEqual([
      ['nslookup', 'kubernetes.default.svc.cluster.local'],
      ['nc', '-vv', '-z', '-w', '3', 'kubernetes.default.svc', '443'],
      ['nc', '-vv', '-z', '-w', '3', 'orders.shop.svc', '8080'],
      ['wget', '-T', '3', '-q', '-O', '-', 'https://example.internal/healthz'],
    ]);
    expect(spec?.containers.every((c) => c.image.startsWith('busybox'))).toBe(true);
    expect(one(DNS).status).toBe('pass');
    expect(one(SVC, 'portal').status).toBe('pass');
    expect(api.jobs.size).toBe(0);
    expect(api.calls.filter((c) => c === 'createJob').length).toBe(1);
  });

  it('deletes leftovers older than the deadline beside the create, never the Job it creates', async () => {
    const api = new FakeClusterApi('1.16');
    const old = {
      namespace: 'fleetcheck-probe',
      name: 'fleetcheck-probe-old',
      labels: { 'app.kubernetes.io/managed-by': 'fleetcheck' },
    };
    api.jobs.set(old.name, {
      ...old,
      containers: [],
      activeDeadlineSeconds: 60,
      ttlSecondsAfterFinished: 300,
      createdAt: '2026-01-01T00:00:00Z',
      polls: 0,
    });
    // The list answers only once the new Job exists, and dates every Job long ago (a server clock far behind).
    const list = api.listJobs.bind(api);
    let created: () => void = () => {};
    const createdNow = new Promise<void>((resolve) => {
      created = resolve;
    });
    const create = api.createJob.bind(api);
    api.createJob = async (spec) => {
      await create(spec);
      created();
    };
    api.listJobs = async (ns, selector) => {
      await createdNow;
      return (await list(ns, selector)).map((j) => ({ ...j, createdAt: '2026-01-01T00:00:00Z' }));
    };
    const deleted: string[] = [];
    const remove = api.deleteJob.bind(api);
    api.deleteJob = async (ns, name) => {
      deleted.push(name);
      return remove(ns, name);
    };
    const { one } = await runFake(api, { layers: ['business'] });
    expect(one(DNS).status).toBe('pass');
    expect(api.jobs.size).toBe(0);
    expect(deleted[0]).toBe(old.name);
    // the new Job was deleted once, when it ended, not as a leftover while it ran
    expect(deleted.length).toBe(2);
  });

  it('creates no Job when the cluster cannot be talked to', async () => {
    const api = new FakeClusterApi('1.16');
    api.throwOn.set('getConfigMap', apiError('unreachable', 'get', 'configmaps'));
    const { one } = await runFake(api, { layers: ['business'] });
    expect(one(DNS).status).toBe('error');
    expect(api.calls).not.toContain('createJob');
  });

  it('skips both checks with an rbac.yaml hint when the probe namespace is missing', async () => {
    const api = new FakeClusterApi('1.16');
    api.namespaces.delete('fleetcheck-probe');
    const { one } = await runFake(api);
    for (const id of [DNS, SVC]) {
      expect(one(id).status).toBe('skip');
      expect(one(id).hint).toMatch(/deploy\/rbac\.yaml/);
    }
    // The create was refused (404), and only then was the namespace looked up.
    expect(api.jobs.size).toBe(0);
    expect(api.calls.indexOf('namespaceExists')).toBeGreaterThan(api.calls.indexOf('createJob'));
  });

  it('skips when the create is refused 404 (a cluster-wide grant) because the probe namespace is missing', async () => {
    const api = new FakeClusterApi('1.16');
    api.namespaces.delete('fleetcheck-probe');
    api.throwOn.set('createJob', new FleetcheckError('not-found', 'namespaces "fleetcheck-probe" not found'));
    const { one } = await runFake(api);
    expect(one(DNS).status).toBe('skip');
    expect(one(DNS).message).toMatch(/probe namespace "fleetcheck-probe" does not exist/);
  });

  it('gives an RBAC error, not a skip, when the create is refused in a namespace that exists', async () => {
    const api = new FakeClusterApi('1.16');
    api.throwOn.set('createJob', apiError('access-denied', 'create', 'jobs', 403));
    const { one } = await runFake(api);
    expect(one(DNS).status).toBe('error');
    expect(one(DNS).hint).toMatch(/rbac/i);
  });

  it('skips when business probes are not scheduled this sweep', async () => {
    const api = new FakeClusterApi('1.16');
    const { one } = await runFake(api, { runBusiness: false });
    expect(one(DNS).status).toBe('skip');
    expect(api.calls).not.toContain('createJob');
  });

  it.each(['Unschedulable', 'ImagePullBackOff'] as const)(
    'gives error for a Job stuck pending (%s) and still deletes it',
    async (pending) => {
      const api = new FakeClusterApi('1.16');
      api.probe = { dns: 'ok', service: 'ok', pending };
      const { one } = await runFake(api, { layers: ['business'] });
      const r = one(DNS);
      expect(r.status).toBe('error');
      expect(r.hint).toMatch(pending === 'Unschedulable' ? /scheduled/ : /image/);
      expect(api.jobs.size).toBe(0);
    },
  );

  it('gives error naming the permission when Job creation is forbidden', async () => {
    const api = new FakeClusterApi('1.16');
    const { FleetcheckError } = await import('../../core/errors.ts');
    api.throwOn.set(
      'createJob',
      new FleetcheckError('access-denied', 'forbidden', {
        verb: 'create',
        resource: 'jobs',
        namespace: 'fleetcheck-probe',
      }),
    );
    const r = (await runFake(api, { layers: ['business'] })).one(SVC);
    expect(r.status).toBe('error');
    expect(r.hint).toMatch(/create jobs in namespace fleetcheck-probe/);
  });
});

describe('business.dns.resolve', () => {
  it.each(['nxdomain', 'timeout'] as const)('fails on %s with the CoreDNS hint', async (dns) => {
    const api = new FakeClusterApi('1.16');
    api.probe = { dns, service: 'ok' };
    const { one } = await runFake(api);
    const r = one(DNS);
    expect(r.status).toBe('fail');
    expect(r.hint).toMatch(/CoreDNS/);
    expect(r.hint).toMatch(/kube-dns/);
    expect(one(SVC).status).toBe('pass');
  });
});

describe('business.service.reach', () => {
  it('fails on refused with the backends hint', async () => {
    const api = new FakeClusterApi('1.16');
    api.probe = { dns: 'ok', service: 'refused' };
    const { one } = await runFake(api);
    const r = one(SVC);
    expect(r.status).toBe('fail');
    expect(r.hint).toMatch(/Running\+Ready/);
    expect(r.hint).toMatch(/hostPort/);
    expect(one(DNS).status).toBe('pass');
  });
  it('fails on timeout with the policy-drop hint', async () => {
    const api = new FakeClusterApi('1.16');
    api.probe = { dns: 'ok', service: 'timeout' };
    const r = (await runFake(api)).one(SVC);
    expect(r.status).toBe('fail');
    expect(r.hint).toMatch(/hubble observe --verdict DROPPED/);
    expect(r.hint).toMatch(/CiliumNetworkPolicy/);
  });
});
