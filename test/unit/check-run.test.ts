import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listChecks } from '../../core/checks/registry.ts';
import type { ExecResult } from '../../core/kube/cluster-api.ts';
import { apiError, FakeClusterApi, runFake } from '../fixtures/fake-cluster-api.ts';

describe('runClusterChecks', () => {
  it('reports an unreachable cluster as a run error without results', async () => {
    const api = new FakeClusterApi('1.16');
    api.throwOn.set('listNodes', apiError('unreachable', 'list', 'nodes'));
    const { run } = await runFake(api);
    expect(run.error?.code).toBe('unreachable');
    expect(run.results).toEqual([]);
    expect(api.execs).toEqual([]);
  });

  it('reports rejected credentials (401) as a run error', async () => {
    const api = new FakeClusterApi('1.16');
    api.throwOn.set('listNodes', apiError('access-denied', 'list', 'nodes', 401));
    expect((await runFake(api)).run.error?.code).toBe('access-denied');
  });

  it('keeps finished results and marks unfinished checks error when the cluster deadline expires', async () => {
    const api = new FakeClusterApi('1.16');
    const ac = new AbortController();
    api.exec = (...args: Parameters<FakeClusterApi['exec']>) =>
      new Promise<ExecResult>((_resolve, reject) => {
        args[4]?.signal?.addEventListener('abort', () => reject(apiError('timeout', 'create', 'pods/exec')));
      });
    const pending = runFake(api, { runBusiness: false }, {}, ac.signal);
    setTimeout(() => ac.abort(), 20);
    const { run, one } = await pending;
    expect(one('component.agent.rollout').status).toBe('pass');
    expect(one('component.operator.ready').status).toBe('pass');
    for (const r of run.results.filter((x) => x.check === 'component.agent.status'))
      expect(r.status).toBe('error');
    expect(run.results.some((r) => r.status === 'fail')).toBe(false);
  });

  it('starts the agent execs on the agent pod list, without waiting for the DaemonSet read', async () => {
    const api = new FakeClusterApi('1.14');
    let execSeen: () => void = () => {};
    const firstExec = new Promise<void>((resolve) => {
      execSeen = resolve;
    });
    const exec = api.exec.bind(api);
    api.exec = (...args: Parameters<FakeClusterApi['exec']>) => {
      execSeen();
      return exec(...args);
    };
    // The DaemonSet answers only once an agent command has started (a slow read on a busy API server).
    const getDaemonSet = api.getDaemonSet.bind(api);
    api.getDaemonSet = async (...args: Parameters<FakeClusterApi['getDaemonSet']>) => {
      await firstExec;
      return getDaemonSet(...args);
    };
    const { run, of } = await runFake(api, { runBusiness: false }, {}, AbortSignal.timeout(5_000));
    expect(run.ciliumVersion).toMatch(/^1\.14\./);
    // 1.14's pod image gives `cilium`, not the default `cilium-dbg` and its fallback.
    expect(new Set(api.execs.map((e) => e.argv[0]))).toEqual(new Set(['cilium', 'cilium-health']));
    expect(of('component.agent.status').map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('never throws when a check hits an unexpected error', async () => {
    const api = new FakeClusterApi('1.16');
    api.throwOn.set('summarizeCiliumEndpoints', new TypeError('boom'));
    const r = (await runFake(api)).one('node.endpoints.state');
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/boom/);
  });

  it('gives every non-pass outcome a hint', async () => {
    const api = new FakeClusterApi('1.16');
    if (api.operator) api.operator.ready = 0;
    api.probe = { dns: 'nxdomain', service: 'refused' };
    api.throwOn.set('summarizeCiliumEndpoints', apiError('access-denied', 'list', 'ciliumendpoints', 403));
    const nodes = api.nodes;
    if (nodes[0]) nodes[0].kernelVersion = '4.14.0';
    const { run } = await runFake(api);
    const nonPass = run.results.filter((r) => r.status !== 'pass');
    expect(nonPass.length).toBeGreaterThanOrEqual(5);
    for (const r of nonPass) expect(r.hint, `${r.check}/${r.subject}`).toBeTruthy();
  });

  it('lists checks in layer order with docs', () => {
    const checks = listChecks();
    const layers = checks.map((c) => c.layer);
    expect(layers.indexOf('node')).toBeGreaterThan(layers.lastIndexOf('component'));
    expect(layers.indexOf('mesh')).toBeGreaterThan(layers.lastIndexOf('config'));
    for (const c of checks) {
      expect(c.id.startsWith(`${c.layer}.`)).toBe(true);
      expect(c.doc.length).toBeGreaterThan(20);
      expect(existsSync(new URL(`../../core/checks/${c.id}.ts`, import.meta.url))).toBe(true);
    }
  });
});
