import { describe, expect, it } from 'vitest';
import { checkRegistry } from '../../core/checks/registry.ts';
import { FakeClusterApi, type Minor, runFake } from '../fixtures/fake-cluster-api.ts';

const minors: Minor[] = ['1.14', '1.15', '1.16', '1.17', '1.18', '1.19'];

describe('a healthy cluster', () => {
  it.each(minors)('passes every check on Cilium %s', async (minor) => {
    const api = new FakeClusterApi(minor, 3);
    const { run } = await runFake(api);
    const nonPass = run.results.filter((r) => r.status !== 'pass');
    expect(nonPass).toEqual([]);
    expect(new Set(run.results.map((r) => r.check))).toEqual(new Set(checkRegistry.map((c) => c.id)));
    expect(run.ciliumVersion).toBe(api.version);
    expect(run.clusterId).toBe(1);
    expect(run.config?.['cluster-name']).toBe('cluster1');
    expect(run.healthLinks?.length).toBe(3 * 2 * 4);
    expect(run.mesh).toEqual([
      expect.objectContaining({ peer: 'cluster2', configured: true, ready: true, agentsReady: 3 }),
    ]);
    expect(api.jobs.size).toBe(0);
  });

  it('uses `cilium` below 1.15 and `cilium-dbg` from 1.15, one exec per agent per command', async () => {
    const old = new FakeClusterApi('1.14', 3);
    await runFake(old);
    expect(
      old.execs.filter((e) => e.argv[1] === 'status' && e.argv[0] !== 'cilium-health').map((e) => e.argv[0]),
    ).toEqual(['cilium', 'cilium', 'cilium']);
    expect(old.execs.length).toBe(6);
    const recent = new FakeClusterApi('1.15', 3);
    await runFake(recent);
    expect(
      recent.execs
        .filter((e) => e.argv[1] === 'status' && e.argv[0] !== 'cilium-health')
        .every((e) => e.argv[0] === 'cilium-dbg'),
    ).toBe(true);
    expect(recent.execs.length).toBe(6);
  });

  it('falls back to `cilium` when cilium-dbg is missing and the version is unknown', async () => {
    const api = new FakeClusterApi('1.14', 3);
    if (api.daemonSet) api.daemonSet.images = ['quay.io/cilium/cilium@sha256:0123'];
    for (const p of api.agentPods)
      for (const c of p.containers) c.image = 'quay.io/cilium/cilium@sha256:0123';
    const { one, run } = await runFake(api, { execConcurrency: 1 });
    expect(one('component.agent.status', 'node-a').status).toBe('pass');
    expect(run.ciliumVersion).toBe('1.14.19');
    const status = api.execs
      .filter((e) => e.argv[1] === 'status' && e.argv[0] !== 'cilium-health')
      .map((e) => e.argv[0]);
    expect(status).toEqual(['cilium-dbg', 'cilium', 'cilium', 'cilium']);
  });

  it('samples agents deterministically plus every not-Ready agent', async () => {
    const api = new FakeClusterApi('1.16', 8);
    const late = api.agentPods[6];
    if (late) late.ready = false;
    await runFake(api, { sampleAgents: 2 });
    const pods = [...new Set(api.execs.map((e) => e.pod))];
    expect(pods).toEqual([api.agentPods[0]?.name, api.agentPods[1]?.name, late?.name]);
    const full = new FakeClusterApi('1.16', 8);
    await runFake(full, { full: true });
    expect(new Set(full.execs.map((e) => e.pod)).size).toBe(8);
  });

  it('keeps at most execConcurrency execs in flight', async () => {
    const api = new FakeClusterApi('1.16', 6);
    let inFlight = 0;
    let peak = 0;
    const exec = api.exec.bind(api);
    api.exec = async (...args) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      try {
        return await exec(...args);
      } finally {
        inFlight--;
      }
    };
    await runFake(api, { execConcurrency: 2, full: true });
    expect(peak).toBe(2);
    expect(api.execs.length).toBe(12);
  });

  it('runs only the requested layers', async () => {
    const api = new FakeClusterApi('1.16', 3);
    const { run } = await runFake(api, { layers: ['component'] });
    expect(new Set(run.results.map((r) => r.check.split('.')[0]))).toEqual(new Set(['component']));
    expect(api.calls).not.toContain('createJob');
  });
});
