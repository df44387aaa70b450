import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckSettings, defaultCheckSettings } from '../../core/checks/check.ts';
import { runClusterChecks } from '../../core/checks/run.ts';
import type { ClusterTarget } from '../../core/fleet/target.ts';
import { clusterApiFromEndpoint } from '../../core/kube/factories.ts';
import type { Outcome, Status } from '../../core/outcome.ts';
import { type Fault, parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { faultTypes } from '../../sim/scenario/schema.ts';

/** What a fault must produce on the cluster that has it; every other check must stay `pass`. */
interface Case {
  name: string;
  faults: Fault[] | Record<string, unknown>[];
  kernel?: string;
  expect: { check: string; status: Status; subject?: string; hint?: RegExp; message?: RegExp }[];
  /** Checks allowed to be non-pass besides the expected ones (and what they may be). */
  also?: Record<string, Status[]>;
  runError?: string;
  settings?: Partial<CheckSettings>;
}

const ALL_AGENT_EXEC = [
  'component.agent.status',
  'node.health.reachability',
  'node.health.latency',
  'component.hubble.ready',
  'mesh.peer.connected',
];

const cases: Case[] = [
  { name: 'healthy', faults: [], expect: [] },
  {
    name: 'not-ready',
    faults: [{ type: 'agent-not-ready', node: 'node-2' }],
    expect: [{ check: 'component.agent.rollout', status: 'fail', message: /node-2/, hint: /describe pod/ }],
  },
  {
    name: 'crashloop',
    faults: [{ type: 'agent-crashloop', node: 'node-2' }],
    expect: [
      { check: 'component.agent.rollout', status: 'fail', hint: /-c cilium-agent --previous/ },
      { check: 'component.agent.status', subject: 'node-2', status: 'fail', hint: /--previous/ },
    ],
    also: { 'node.health.reachability': ['fail', 'warn', 'skip'] },
  },
  {
    name: 'kvstore',
    faults: [{ type: 'agent-status', node: 'node-2', component: 'kvstore', state: 'Failure' }],
    expect: [{ check: 'component.agent.status', subject: 'node-2', status: 'fail', hint: /kvstore/ }],
  },
  {
    name: 'k8s',
    faults: [{ type: 'agent-status', node: 'node-1', component: 'kubernetes', state: 'Failure' }],
    expect: [{ check: 'component.agent.status', subject: 'node-1', status: 'fail', hint: /Kubernetes API/ }],
  },
  {
    name: 'warning',
    faults: [{ type: 'agent-status', node: 'node-3', component: 'cilium', state: 'Warning' }],
    expect: [{ check: 'component.agent.status', subject: 'node-3', status: 'warn' }],
  },
  {
    name: 'hubble-agent',
    faults: [{ type: 'agent-status', component: 'hubble', state: 'Failure' }],
    expect: [{ check: 'component.hubble.ready', status: 'fail', hint: /Hubble/ }],
  },
  {
    name: 'hang',
    settings: { execDeadlineMs: 3000 },
    faults: [{ type: 'agent-hang', node: 'node-2' }],
    expect: [
      {
        check: 'component.agent.status',
        subject: 'node-2',
        status: 'error',
        hint: /BPF map[\s\S]*SELinux[\s\S]*\/sys\/fs\/bpf/,
      },
    ],
    also: { 'node.health.reachability': ['error'], 'node.health.latency': ['error'] },
  },
  {
    name: 'controller',
    faults: [{ type: 'controller-failing', node: 'node-1' }],
    expect: [{ check: 'component.agent.status', subject: 'node-1', status: 'fail', message: /controller/ }],
  },
  {
    name: 'path-down',
    faults: [{ type: 'health-unreachable', to: 'node-3' }],
    expect: [{ check: 'node.health.reachability', subject: 'node-3', status: 'fail', hint: /unreachable/ }],
  },
  {
    name: 'port-4240',
    faults: [{ type: 'health-unreachable', to: 'node-3', probe: 'http' }],
    expect: [
      {
        check: 'node.health.reachability',
        subject: 'node-3',
        status: 'fail',
        hint: /4240[\s\S]*NOT a business/,
      },
    ],
  },
  {
    name: 'slow',
    faults: [{ type: 'health-latency', to: 'node-3', ms: 80 }],
    expect: [{ check: 'node.health.latency', status: 'fail', message: /node-3/ }],
  },
  {
    name: 'endpoints',
    faults: [{ type: 'endpoint-state', state: 'waiting-for-identity', count: 12 }],
    expect: [{ check: 'node.endpoints.state', status: 'fail', hint: /identity/ }],
  },
  {
    name: 'endpoints-few',
    faults: [{ type: 'endpoint-state', state: 'regenerating', count: 2 }],
    expect: [{ check: 'node.endpoints.state', status: 'warn' }],
  },
  {
    name: 'operator',
    faults: [{ type: 'operator-unavailable' }],
    expect: [{ check: 'component.operator.ready', status: 'fail', hint: /cilium-operator/ }],
  },
  {
    name: 'hubble',
    faults: [{ type: 'hubble-down' }],
    expect: [{ check: 'component.hubble.ready', status: 'fail', hint: /hubble/ }],
  },
  {
    name: 'mesh',
    faults: [{ type: 'mesh-disconnected', peer: 'hub' }],
    expect: [
      {
        check: 'mesh.peer.connected',
        subject: 'hub',
        status: 'fail',
        hint: /troubleshoot clustermesh hub|-- cilium status --all-clusters/,
      },
    ],
  },
  {
    name: 'nxdomain',
    faults: [{ type: 'dns-failure', mode: 'nxdomain' }],
    expect: [{ check: 'business.dns.resolve', status: 'fail', hint: /CoreDNS[\s\S]*kube-dns/ }],
    also: { 'business.service.reach': ['error'] },
  },
  {
    name: 'dns-timeout',
    faults: [{ type: 'dns-failure', mode: 'timeout' }],
    expect: [{ check: 'business.dns.resolve', status: 'fail', hint: /CoreDNS/ }],
    also: { 'business.service.reach': ['error'] },
  },
  {
    name: 'refused',
    faults: [{ type: 'service-refused' }],
    expect: [{ check: 'business.service.reach', status: 'fail', hint: /Running\+Ready[\s\S]*hostPort/ }],
  },
  {
    name: 'svc-timeout',
    faults: [{ type: 'service-timeout' }],
    expect: [{ check: 'business.service.reach', status: 'fail', hint: /hubble observe --verdict DROPPED/ }],
  },
  {
    name: 'unschedulable',
    faults: [{ type: 'job-pending', reason: 'Unschedulable' }],
    expect: [
      { check: 'business.dns.resolve', status: 'error', hint: /scheduled/ },
      { check: 'business.service.reach', status: 'error', hint: /scheduled/ },
    ],
  },
  {
    name: 'image-pull',
    faults: [{ type: 'job-pending', reason: 'ImagePullBackOff' }],
    expect: [
      { check: 'business.dns.resolve', status: 'error', hint: /image/ },
      { check: 'business.service.reach', status: 'error', hint: /image/ },
    ],
  },
  {
    name: 'forbidden-cep',
    faults: [{ type: 'api-error', status: 403, path: 'ciliumendpoints' }],
    expect: [
      { check: 'node.endpoints.state', status: 'error', hint: /ciliumendpoints[\s\S]*deploy\/rbac\.yaml/ },
    ],
  },
  // every 2nd GET of a Deployment answers 429: the client retries and the checks still pass
  {
    name: 'throttled',
    faults: [{ type: 'api-error', status: 429, path: 'deployments', every: 2 }],
    expect: [],
  },
  {
    name: 'server-error',
    faults: [{ type: 'api-error', status: 500, path: 'cilium-operator' }],
    expect: [{ check: 'component.operator.ready', status: 'error' }],
  },
  {
    name: 'unauthorized',
    faults: [{ type: 'api-error', status: 401 }],
    expect: [],
    runError: 'access-denied',
  },
  { name: 'slow-api', faults: [{ type: 'api-latency', ms: 40 }], expect: [] },
  { name: 'down', faults: [{ type: 'apiserver-down' }], expect: [], runError: 'unreachable' },
  {
    name: 'exec-forbidden',
    faults: [{ type: 'exec-forbidden' }],
    expect: [
      {
        check: 'component.agent.status',
        status: 'error',
        hint: /get pods\/exec in namespace kube-system[\s\S]*deploy\/rbac\.yaml/,
      },
    ],
    also: Object.fromEntries(ALL_AGENT_EXEC.map((c) => [c, ['error'] as Status[]])),
  },
  {
    name: 'garbage-status',
    faults: [{ type: 'garbage-output', command: 'status', node: 'node-1' }],
    expect: [{ check: 'component.agent.status', subject: 'node-1', status: 'error', message: /garbage/ }],
  },
  {
    name: 'garbage-health',
    faults: [{ type: 'garbage-output', command: 'health' }],
    expect: [{ check: 'node.health.reachability', status: 'error', message: /garbage/ }],
    also: { 'node.health.latency': ['error'] },
  },
  // endpoint state is read from the CiliumEndpoint list, whose body the injected output replaces
  {
    name: 'garbage-endpoints',
    faults: [{ type: 'garbage-output', command: 'endpoints' }],
    expect: [{ check: 'node.endpoints.state', status: 'error' }],
  },
  {
    name: 'old-kernel',
    faults: [],
    kernel: '4.14.300-210.522.amzn2.x86_64',
    expect: [{ check: 'config.kernel.version', status: 'fail', hint: /BPF/ }],
  },
];

const versions = ['1.14.12', '1.15.11', '1.16.5', '1.17.6', '1.18.1'];

it('covers every fault type of the scenario format', () => {
  const covered = new Set(cases.flatMap((c) => c.faults.map((f) => (f as { type: string }).type)));
  expect(faultTypes.filter((t) => !covered.has(t))).toEqual([]);
});

describe.each(versions)('checks against the simulator, Cilium %s', (version) => {
  let sim: Simulator;
  const runs = new Map<string, Promise<{ results: Outcome[]; error?: { code: string } }>>();

  beforeAll(async () => {
    const scenario = parseScenario(
      JSON.stringify({
        version: 1,
        defaults: { ciliumVersion: version, nodes: 3, latency: { apiMs: 1, execMs: 5, jobStartSeconds: 0 } },
        clusters: [
          { name: 'hub', clusterId: 100, mesh: cases.map((c) => `c-${c.name}`) },
          ...cases.map((c, i) => ({
            name: `c-${c.name}`,
            clusterId: i + 1,
            mesh: ['hub'],
            faults: c.faults,
            ...(c.kernel ? { kernel: c.kernel } : {}),
          })),
        ],
      }),
    );
    sim = await startSimulator(scenario);
    const ca = Buffer.from(sim.caPem).toString('base64');
    const limit = pLimit(4);
    for (const c of sim.clusters) {
      if (c.name === 'hub') continue;
      const api = clusterApiFromEndpoint({
        name: c.name,
        server: c.server,
        caData: ca,
        token: async () => c.token,
      });
      const target: ClusterTarget = {
        name: c.name,
        provider: 'eks',
        labels: {},
        expectedPeers: [],
        probeTargets: [],
        overrides: {},
        source: { kind: 'kubeconfig', context: c.name },
        connect: async () => api,
      };
      const spec = cases.find((x) => `c-${x.name}` === c.name);
      // Simulated endpoint faults persist: a short settle wait keeps the re-read without slowing the suite.
      const settings = { ...defaultCheckSettings, endpointsSettleMs: 200, ...spec?.settings };
      runs.set(
        c.name,
        limit(() => runClusterChecks(api, target, settings, AbortSignal.timeout(60_000))),
      );
    }
    await Promise.all(runs.values());
  }, 300_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const run = await runs.get(`c-${name}`);
    if (!run) throw new Error('no run');
    if (c.runError) {
      expect(run.error?.code).toBe(c.runError);
      return;
    }
    expect(run.error).toBeUndefined();
    for (const e of c.expect) {
      const hits = run.results.filter(
        (r) => r.check === e.check && (e.subject === undefined || r.subject === e.subject),
      );
      const hit = hits.find((r) => r.status === e.status);
      expect(
        hit,
        `${e.check} ${e.status} in ${JSON.stringify(run.results.filter((r) => r.check === e.check))}`,
      ).toBeDefined();
      if (e.hint) expect(hit?.hint).toMatch(e.hint);
      if (e.message) expect(hit?.message).toMatch(e.message);
    }
    const expected = new Set(c.expect.map((e) => e.check));
    for (const r of run.results) {
      if (expected.has(r.check)) continue;
      const allowed = c.also?.[r.check] ?? [];
      if (!allowed.includes(r.status)) expect(r.status, `${r.check}/${r.subject}: ${r.message}`).toBe('pass');
    }
    for (const r of run.results)
      if (r.status !== 'pass') expect(r.hint, `${r.check}/${r.subject}`).toBeTruthy();
    const stats = sim.stats(`c-${name}`);
    expect(stats.liveJobs).toBe(0);
    expect(stats.execSessions).toBeLessThanOrEqual(2 * 3);
    expect(stats.requests).toBeLessThan(60);
  });
});
