import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckDefinition } from '../../core/checks/definition.ts';
import { checkRegistry, listChecks } from '../../core/checks/registry.ts';
import { FleetcheckError } from '../../core/errors.ts';
import { LAYERS } from '../../core/layers.ts';
import type { Outcome } from '../../core/outcome.ts';
import { FakeClusterApi, runFake } from '../fixtures/fake-cluster-api.ts';

const CHECKS_DIR = new URL('../../core/checks/', import.meta.url);

/** Check files are named after their id (`layer.area.name.ts`); helper files are kebab-case without dots. */
const checkFiles = () =>
  readdirSync(CHECKS_DIR)
    .filter((f) => f.endsWith('.ts') && f.slice(0, -3).includes('.'))
    .map((f) => f.slice(0, -3))
    .sort();

const isDefinition = (v: unknown): v is CheckDefinition =>
  typeof v === 'object' && v !== null && 'id' in v && 'layer' in v && 'run' in v;

describe('check registry', () => {
  it('lists what each check needs from its preconditions', () => {
    const needs = new Map(listChecks().map((c) => [c.id, c.needs]));
    expect(needs.get('mesh.peer.connected')).toEqual(['ClusterMesh peers']);
    expect(needs.get('config.kernel.version')).toEqual(['Cilium ≥ 1.13']);
    expect(needs.get('business.dns.resolve')).toEqual(['the business probe scheduled in this sweep']);
    expect(needs.get('component.operator.ready')).toEqual([]);
    for (const c of checkRegistry)
      for (const p of c.requires ?? []) expect(p.needs.length, c.id).toBeGreaterThan(3);
  });

  it('has exactly one entry per check file in core/checks, and a file per entry', () => {
    const ids = checkRegistry.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(checkFiles());
  });

  it('registers the definition each check file exports, under the file name and its layer', async () => {
    for (const file of checkFiles()) {
      const mod: Record<string, unknown> = await import(new URL(`${file}.ts`, CHECKS_DIR).href);
      const defs = Object.values(mod).filter(isDefinition);
      expect(
        defs.map((d) => d.id),
        file,
      ).toEqual([file]);
      const def = defs[0] as CheckDefinition;
      expect(checkRegistry, file).toContain(def);
      expect(LAYERS, file).toContain(def.layer);
      expect(file.startsWith(`${def.layer}.`), file).toBe(true);
    }
  });
});

const API_METHODS = [
  'listNodes',
  'listPods',
  'getDaemonSet',
  'getDeployment',
  'getConfigMap',
  'getSecret',
  'summarizeCiliumEndpoints',
  'exec',
  'namespaceExists',
  'createJob',
  'getJob',
  'listJobPods',
  'listJobs',
  'podLogs',
] as const;

const ERRORS = (method: string): Error[] => [
  new FleetcheckError('access-denied', `forbidden: ${method}`, {
    verb: 'get',
    resource: method,
    status: 403,
  }),
  new FleetcheckError('timeout', `${method} timed out`),
  new FleetcheckError('not-found', `${method}: not found`),
  new FleetcheckError('server-error', `${method}: 503`),
  new FleetcheckError('bad-response', `${method}: bad JSON`),
  new TypeError(`${method}: unexpected`),
];

type World = { name: string; build: () => FakeClusterApi; settings?: Parameters<typeof runFake>[1] };

/** Broken clusters, each making some checks skip, warn, fail or error. */
const WORLDS: World[] = [
  ...API_METHODS.flatMap((method) =>
    ERRORS(method).map((err) => ({
      name: `${method} throws ${err.message}`,
      build: () => {
        const api = new FakeClusterApi('1.16');
        api.throwOn.set(method, err);
        return api;
      },
    })),
  ),
  {
    name: 'components down, old kernel, failing probes',
    build: () => {
      const api = new FakeClusterApi('1.17');
      if (api.operator) api.operator.ready = 0;
      if (api.relay) api.relay.ready = 0;
      if (api.daemonSet) api.daemonSet.updated = 1;
      if (api.nodes[0]) api.nodes[0].kernelVersion = '4.14.0';
      if (api.nodes[1]) api.nodes[1].kernelVersion = 'garbage';
      api.probe = { dns: 'nxdomain', service: 'refused' };
      api.endpoints.push(
        ...Array.from({ length: 12 }, (_, i) => ({ name: `x${i}`, namespace: 'a', state: 'not-ready' })),
      );
      api.editStatus((s) => {
        s.kvstore = { state: 'Failure', msg: 'quorum lost' };
        s.hubble = { state: 'Failure', msg: 'no certs' };
      });
      api.editHealthTo('node-b', (e) => {
        e.host['secondary-addresses'] = [{ ip: 'fd00:10::12', icmp: { status: 'Connection timed out' } }];
      });
      return api;
    },
    settings: { latencyWarnMs: 0, latencyFailMs: 0.001, detectionBudgetSeconds: 1 },
  },
  {
    name: 'no Cilium at all',
    build: () => {
      const api = new FakeClusterApi('1.16');
      api.daemonSet = null;
      api.operator = null;
      api.config = null;
      api.agentPods = [];
      return api;
    },
  },
  {
    name: 'Cilium 1.12 with digest-only images, a crashing agent and garbage output',
    build: () => {
      const api = new FakeClusterApi('1.14');
      if (api.daemonSet) api.daemonSet.images = ['quay.io/cilium/cilium:v1.12.9'];
      const pod = api.agentPods[0];
      const container = pod?.containers[0];
      if (pod && container) {
        pod.ready = false;
        Object.assign(container, {
          state: 'waiting',
          reason: 'CrashLoopBackOff',
          ready: false,
          restartCount: 9,
        });
      }
      api.execHook = (p, argv) =>
        p === api.agentPods[1]
          ? { stdout: '{{{ not json', stderr: '', exitCode: 0, truncated: false, durationMs: 1 }
          : argv[0] === 'cilium-health'
            ? new FleetcheckError('timeout', 'exec timed out')
            : undefined;
      return api;
    },
  },
  {
    name: 'nothing to check: quick sweep, no mesh, Hubble and endpoint CRD off, unknown version',
    build: () => {
      const api = new FakeClusterApi('1.16', 1);
      if (api.daemonSet) api.daemonSet.images = ['quay.io/cilium/cilium@sha256:0123abcd'];
      for (const p of api.agentPods)
        for (const c of p.containers) c.image = 'quay.io/cilium/cilium@sha256:0123abcd';
      api.meshSecret = null;
      if (api.config) {
        api.config['enable-hubble'] = 'false';
        api.config['disable-endpoint-crd'] = 'true';
        api.config['enable-health-checking'] = 'false';
      }
      api.editStatus((s) => {
        s.hubble = { state: 'Disabled' };
        s['cluster-mesh'] = undefined;
        s.version = undefined;
      });
      api.execHook = (_p, argv) =>
        argv[1] === 'status' ? new FleetcheckError('timeout', 'hung') : undefined;
      return api;
    },
    settings: { runBusiness: false },
  },
  {
    name: 'probe namespace missing, probe pod unschedulable elsewhere',
    build: () => {
      const api = new FakeClusterApi('1.18');
      api.namespaces.delete('fleetcheck-probe');
      return api;
    },
  },
  {
    name: 'probe pod stuck on its image',
    build: () => {
      const api = new FakeClusterApi('1.19');
      api.probe = { dns: 'ok', service: 'ok', pending: 'ImagePullBackOff' };
      return api;
    },
  },
];

describe('every non-pass outcome carries a hint', () => {
  it('across broken clusters, for every check and every non-pass status', async () => {
    const seen: Outcome[] = [];
    for (const w of WORLDS) {
      const { run } = await runFake(w.build(), w.settings);
      for (const r of run.results.filter((x) => x.status !== 'pass')) {
        expect(typeof r.hint, `${w.name}: ${r.check}/${r.subject}: ${r.message}`).toBe('string');
        expect(r.hint?.trim().length, `${w.name}: ${r.check}/${r.subject}`).toBeGreaterThan(10);
        seen.push(r);
      }
    }
    const statuses = (check: string) => new Set(seen.filter((r) => r.check === check).map((r) => r.status));
    for (const c of checkRegistry)
      expect(statuses(c.id).size, `${c.id} never went non-pass`).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.status))).toEqual(new Set(['skip', 'warn', 'fail', 'error']));
  });
});
