import { describe, expect, it } from 'vitest';
import { apiError, FakeClusterApi, runFake } from '../fixtures/fake-cluster-api.ts';

const AGENT = 'component.agent.status';

describe('component.agent.status', () => {
  it('fails on a component Failure and names it', async () => {
    const api = new FakeClusterApi('1.16');
    api.editStatus((s) => {
      s.kvstore = { state: 'Failure', msg: 'quorum lost' };
    }, 'node-b');
    const { one } = await runFake(api);
    const r = one(AGENT, 'node-b');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/kvstore Failure: quorum lost/);
    expect(r.hint).toMatch(/etcd/);
    expect(one(AGENT, 'node-a').status).toBe('pass');
    expect(one('component.agent.rollout').status).toBe('pass');
  });

  it('warns on a Warning state', async () => {
    const api = new FakeClusterApi('1.18');
    api.editStatus((s) => {
      s.cilium.state = 'Warning';
    }, 'node-a');
    const { one } = await runFake(api);
    expect(one(AGENT, 'node-a').status).toBe('warn');
  });

  it('fails on a failing controller (omitempty counters)', async () => {
    const api = new FakeClusterApi('1.15');
    api.editStatus((s) => {
      s.controllers.push({
        name: 'sync-to-k8s-ciliumendpoint (42)',
        status: { 'consecutive-failure-count': 4, 'last-failure-msg': 'etcd: timeout' },
      });
    }, 'node-c');
    const { one } = await runFake(api);
    const r = one(AGENT, 'node-c');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/sync-to-k8s-ciliumendpoint \(42\) failing: etcd: timeout/);
    expect(r.hint).toMatch(/cilium-dbg status --all-controllers/);
  });

  it('gives error (not fail) with the BPF hint when status hangs', async () => {
    const api = new FakeClusterApi('1.16');
    api.execHook = (pod, argv) =>
      pod.nodeName === 'node-a' && argv[1] === 'status'
        ? apiError('timeout', 'create', 'pods/exec')
        : undefined;
    const { one } = await runFake(api);
    const r = one(AGENT, 'node-a');
    expect(r.status).toBe('error');
    expect(r.hint).toMatch(/BPF map/);
    expect(r.hint).toMatch(/SELinux/);
    expect(r.hint).toMatch(/\/sys\/fs\/bpf/);
  });

  it('gives error when an exec session never reports, even if the client ignores its deadline', async () => {
    const api = new FakeClusterApi('1.16');
    const exec = api.exec.bind(api);
    // A session that opens and then never reports nor closes, whatever its signal says.
    api.exec = (...args: Parameters<FakeClusterApi['exec']>) => {
      if (args[1] !== api.agentPods[0]?.name || args[3][1] !== 'status') return exec(...args);
      args[4]?.onOpen?.();
      return new Promise(() => {});
    };
    const { one } = await runFake(api, { execDeadlineMs: 100, layers: ['component'] });
    const r = one(AGENT, 'node-a');
    expect(r.status).toBe('error');
    expect(r.evidence?.['code']).toBe('timeout');
    expect(one(AGENT, 'node-b').status).toBe('pass');
  });

  it('gives error quoting a snippet for garbage output', async () => {
    const api = new FakeClusterApi('1.17');
    api.execHook = (_pod, argv) =>
      argv[1] === 'status'
        ? {
            stdout: '\u0000\u0001garbage{{{ not json',
            stderr: '',
            exitCode: 0,
            truncated: false,
            durationMs: 1,
          }
        : undefined;
    const { of } = await runFake(api);
    for (const r of of(AGENT)) {
      expect(r.status).toBe('error');
      expect(r.message).toContain('\\x00\\x01garbage{{{ not json');
    }
  });

  it('gives error naming pods/exec and deploy/rbac.yaml when exec is forbidden', async () => {
    const api = new FakeClusterApi('1.16');
    api.throwOn.set('exec', apiError('access-denied', 'create', 'pods/exec', 403));
    const { of } = await runFake(api);
    const results = of(AGENT);
    expect(results.length).toBe(3);
    for (const r of results) {
      expect(r.status).toBe('error');
      expect(r.hint).toMatch(/pods\/exec/);
      expect(r.hint).toMatch(/deploy\/rbac\.yaml/);
    }
    expect(of('node.health.reachability').every((r) => r.status === 'error')).toBe(true);
    expect(of('component.hubble.ready').map((r) => r.status)).toEqual(['error']);
    expect(of('mesh.peer.connected').map((r) => r.status)).toEqual(['error']);
  });

  it('fails a crash-looping agent with the --previous logs hint, without exec', async () => {
    const api = new FakeClusterApi('1.16');
    const pod = api.agentPods[1];
    if (!pod?.containers[0]) throw new Error('fixture');
    pod.ready = false;
    pod.containers[0] = {
      ...pod.containers[0],
      state: 'waiting',
      reason: 'CrashLoopBackOff',
      restartCount: 7,
      ready: false,
    };
    if (api.daemonSet) api.daemonSet.ready = 2;
    const { one } = await runFake(api);
    const r = one(AGENT, 'node-b');
    expect(r.status).toBe('fail');
    expect(r.hint).toContain(`kubectl -n kube-system logs ${pod.name} -c cilium-agent --previous`);
    expect(api.execs.some((e) => e.pod === pod.name)).toBe(false);
    const rollout = one('component.agent.rollout');
    expect(rollout.status).toBe('fail');
    expect(rollout.hint).toContain('--previous');
  });

  it('fails when the agent API is unreachable (exit 1)', async () => {
    const api = new FakeClusterApi('1.16');
    api.execHook = (pod, argv) =>
      pod.nodeName === 'node-c' && argv[1] === 'status'
        ? {
            stdout: '',
            stderr:
              'Get "http:///var/run/cilium/cilium.sock/v1/healthz": dial unix: connect: no such file\nIs the agent running?',
            exitCode: 1,
            truncated: false,
            durationMs: 1,
          }
        : undefined;
    const { one } = await runFake(api);
    expect(one(AGENT, 'node-c').status).toBe('fail');
  });
});

describe('component.agent.rollout', () => {
  it('fails when agents are not ready and names them', async () => {
    const api = new FakeClusterApi('1.16');
    const pod = api.agentPods[2];
    if (pod) pod.ready = false;
    if (api.daemonSet) api.daemonSet.ready = 2;
    const { one } = await runFake(api);
    const r = one('component.agent.rollout');
    expect(r.status).toBe('fail');
    expect(r.message).toContain(`${pod?.name}@node-c`);
    expect(r.metrics).toMatchObject({ desired: 3, ready: 2 });
  });
  it('warns while a rollout is in progress', async () => {
    const api = new FakeClusterApi('1.16');
    if (api.daemonSet) api.daemonSet.updated = 1;
    const { one } = await runFake(api);
    expect(one('component.agent.rollout').status).toBe('warn');
  });
  it('fails when the DaemonSet is missing', async () => {
    const api = new FakeClusterApi('1.16');
    api.daemonSet = null;
    const { one } = await runFake(api);
    expect(one('component.agent.rollout').status).toBe('fail');
  });
  it('gives error on 403', async () => {
    const api = new FakeClusterApi('1.16');
    api.throwOn.set('getDaemonSet', apiError('access-denied', 'get', 'daemonsets', 403));
    const { one } = await runFake(api);
    const r = one('component.agent.rollout');
    expect(r.status).toBe('error');
    expect(r.hint).toMatch(/get daemonsets in namespace kube-system/);
  });
});

describe('component.operator.ready', () => {
  it.each([
    [0, 'fail'],
    [1, 'warn'],
    [2, 'pass'],
  ])('%i/2 ready → %s', async (ready, status) => {
    const api = new FakeClusterApi('1.16');
    if (api.operator) api.operator.ready = ready;
    const { one } = await runFake(api);
    const r = one('component.operator.ready');
    expect(r.status).toBe(status);
    if (status !== 'pass') expect(r.hint).toMatch(/IPAM/);
  });
  it('fails when the Deployment is missing', async () => {
    const api = new FakeClusterApi('1.16');
    api.operator = null;
    expect((await runFake(api)).one('component.operator.ready').status).toBe('fail');
  });
});

describe('component.hubble.ready', () => {
  it('fails when Hubble is enabled but not Ok on an agent', async () => {
    const api = new FakeClusterApi('1.17');
    api.editStatus((s) => {
      s.hubble = { state: 'Failure', msg: 'hubble server not running' };
    }, 'node-b');
    const { one } = await runFake(api);
    const r = one('component.hubble.ready');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/node-b/);
    expect(one('component.agent.status', 'node-b').status).toBe('pass');
  });
  it('fails when hubble-relay has no ready replica', async () => {
    const api = new FakeClusterApi('1.16');
    if (api.relay) api.relay.ready = 0;
    const r = (await runFake(api)).one('component.hubble.ready');
    expect(r.status).toBe('fail');
    expect(r.hint).toMatch(/hubble-relay/);
  });
  it('skips when Hubble is disabled', async () => {
    const api = new FakeClusterApi('1.14');
    if (api.config) api.config['enable-hubble'] = 'false';
    api.editStatus((s) => {
      s.hubble = { state: 'Disabled' };
    });
    api.relay = null;
    expect((await runFake(api)).one('component.hubble.ready').status).toBe('skip');
  });
});
