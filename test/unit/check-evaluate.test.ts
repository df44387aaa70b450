import { describe, expect, it } from 'vitest';
import { defaultCheckSettings } from '../../core/checks/check.ts';
import type { CheckDefinition, Precondition } from '../../core/checks/definition.ts';
import { evaluateCheck } from '../../core/checks/evaluate.ts';
import { ClusterFacts } from '../../core/checks/facts.ts';
import { outcomes } from '../../core/checks/outcomes.ts';
import { ciliumAtLeast, meshConfigured } from '../../core/checks/preconditions.ts';
import { runProbeJob } from '../../core/checks/probe-job.ts';
import { PROBE_ACTIVE_DEADLINE_SECONDS } from '../../core/checks/probe-job-spec.ts';
import { FleetcheckError } from '../../core/errors.ts';
import { apiError, FakeClusterApi, fakeTarget } from '../fixtures/fake-cluster-api.ts';
import { virtualClock } from '../fixtures/virtual-clock.ts';

const ID = 'config.test.example';
const o = outcomes(ID);

function facts(api = new FakeClusterApi('1.16'), settings = defaultCheckSettings) {
  return new ClusterFacts(api, fakeTarget(api), settings, new AbortController().signal, {
    clock: virtualClock(),
  });
}

function check(extra: Partial<CheckDefinition> & Pick<CheckDefinition, 'run'>): CheckDefinition {
  return { id: ID, layer: 'config', doc: 'an example check for the runner', ...extra };
}

const counting = (verdict: 'holds' | 'skips') => {
  const seen = { calls: 0 };
  const p: Precondition = {
    needs: `something that ${verdict}`,
    unmet: async () => {
      seen.calls++;
      return verdict === 'holds' ? null : { status: 'skip', message: 'not here', hint: 'look elsewhere' };
    },
  };
  return { p, seen };
};

describe('evaluateCheck: preconditions', () => {
  it('gives the first unmet precondition as the only outcome, without running later ones or the body', async () => {
    const first = counting('holds');
    const second = counting('skips');
    const third = counting('skips');
    let ran = false;
    const c = check({
      requires: [first.p, second.p, third.p],
      subject: 'dns',
      run: async () => {
        ran = true;
        return [o.pass('dns', 'fine')];
      },
    });
    expect(await evaluateCheck(c, facts())).toEqual([
      { check: ID, subject: 'dns', status: 'skip', message: 'not here', hint: 'look elsewhere' },
    ]);
    expect([first.seen.calls, second.seen.calls, third.seen.calls, ran]).toEqual([1, 1, 0, false]);
  });

  it('runs the body when every precondition holds', async () => {
    const c = check({ requires: [counting('holds').p], run: async () => [o.pass('cluster', 'fine')] });
    expect((await evaluateCheck(c, facts())).map((r) => r.status)).toEqual(['pass']);
  });

  it('ciliumAtLeast skips an older or unparseable version with its reason, errors on an unknown one', async () => {
    const c = check({
      requires: [ciliumAtLeast('1.16', { message: (v) => `too old: ${v}`, hint: 'upgrade' })],
      run: async () => [o.pass('cluster', 'new enough')],
    });
    const on = async (image: string) => {
      const api = new FakeClusterApi('1.16');
      if (api.daemonSet) api.daemonSet.images = [image];
      return (await evaluateCheck(c, facts(api)))[0];
    };
    expect(await on('quay.io/cilium/cilium:v1.15.16')).toMatchObject({
      status: 'skip',
      message: 'too old: 1.15.16',
      hint: 'upgrade',
    });
    expect(await on('quay.io/cilium/cilium:v1.16.0')).toMatchObject({ status: 'pass' });
    expect(await on('quay.io/cilium/cilium:v2.0.1')).toMatchObject({ status: 'pass' });
    const unknown = new FakeClusterApi('1.16');
    if (unknown.daemonSet) unknown.daemonSet.images = ['quay.io/cilium/cilium@sha256:0123abcd'];
    for (const p of unknown.agentPods)
      for (const ct of p.containers) ct.image = 'quay.io/cilium/cilium@sha256:0';
    unknown.execHook = () => new FleetcheckError('timeout', 'hung');
    expect((await evaluateCheck(c, facts(unknown)))[0]).toMatchObject({
      status: 'error',
      message: 'could not determine the running Cilium version',
    });
  });

  it('an error inside a precondition is the check error, with the check doing it', async () => {
    const api = new FakeClusterApi('1.16');
    api.throwOn.set('getSecret', apiError('access-denied', 'get', 'secrets', 403));
    const c = check({ requires: [meshConfigured], doing: 'read the mesh', run: async () => [] });
    expect(await evaluateCheck(c, facts(api))).toEqual([
      expect.objectContaining({
        status: 'error',
        message: 'could not read the mesh: access-denied: cannot get secrets',
        hint: expect.stringMatching(/lacks permission to get secrets in namespace kube-system/),
        evidence: { code: 'access-denied' },
      }),
    ]);
  });
});

describe('evaluateCheck: errors', () => {
  const throwing = (err: unknown, extra: Partial<CheckDefinition> = {}) =>
    check({
      ...extra,
      run: async () => {
        throw err;
      },
    });

  it('turns each typed error kind into `error` with its hint and code, naming what the check was doing', async () => {
    const cases: [FleetcheckError, RegExp][] = [
      [apiError('access-denied', 'list', 'nodes', 403), /lacks permission to list nodes/],
      [apiError('timeout', 'list', 'nodes'), /timed out; retry/],
      [apiError('unreachable', 'list', 'nodes'), /API server did not answer/],
      [new FleetcheckError('rate-limited', '429'), /throttling \(429\/5xx\)/],
      [new FleetcheckError('bad-response', 'garbage'), /Retry; if it persists/],
    ];
    for (const [err, hint] of cases) {
      const [r] = await evaluateCheck(throwing(err, { doing: 'list nodes' }), facts());
      expect(r, err.code).toMatchObject({
        check: ID,
        subject: 'cluster',
        status: 'error',
        message: `could not list nodes: ${err.message}`,
        evidence: { code: err.code },
      });
      expect(r?.hint, err.code).toMatch(hint);
    }
  });

  it('says `could not evaluate` without a doing, and calls a non-typed error internal', async () => {
    const [r] = await evaluateCheck(throwing(new TypeError('x is undefined')), facts());
    expect(r).toMatchObject({
      status: 'error',
      message: 'could not evaluate: x is undefined',
      hint: 'Unexpected error inside fleetcheck; see its logs.',
      evidence: { code: 'internal' },
    });
  });

  it('gives the verdict the definition names for an expected code, under the check subject', async () => {
    const c = throwing(new FleetcheckError('not-found', 'no CRD'), {
      subject: 'crd',
      onError: { 'not-found': { status: 'skip', message: 'CRD not installed', hint: 'install it' } },
    });
    expect(await evaluateCheck(c, facts())).toEqual([
      { check: ID, subject: 'crd', status: 'skip', message: 'CRD not installed', hint: 'install it' },
    ]);
    const other = await evaluateCheck(
      throwing(new FleetcheckError('timeout', 'slow'), { onError: c.onError }),
      facts(),
    );
    expect(other[0]?.status).toBe('error');
  });
});

const probeJobOn = (api: FakeClusterApi, clock: ReturnType<typeof virtualClock>) =>
  runProbeJob(
    api,
    fakeTarget(api),
    defaultCheckSettings,
    new AbortController().signal,
    'cluster.local',
    clock,
  );

describe('the probe Job poll runs on the run clock', () => {
  it('polls every 500 ms for 10 s, then backs off to 4 s, and gives up past the Job deadline', async () => {
    const api = new FakeClusterApi('1.16');
    api.getJob = async (ns, name) => ({
      name,
      namespace: ns,
      labels: {},
      active: 1,
      succeeded: 0,
      failed: 0,
      conditions: [],
    });
    api.listJobPods = async () => [];
    const clock = virtualClock();
    const started = performance.now();
    const r = await probeJobOn(api, clock);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(r).toMatchObject({ kind: 'timeout', message: expect.stringMatching(/did not finish in time/) });
    const slept = clock.slept;
    expect(slept.slice(0, 20)).toEqual(Array(20).fill(500));
    expect(slept[20]).toBe(750);
    expect(Math.max(...slept)).toBe(4000);
    const total = slept.reduce((a, b) => a + b, 0);
    expect(total).toBe((PROBE_ACTIVE_DEADLINE_SECONDS + 10) * 1000);
    expect(api.calls.at(-1)).toBe('deleteJob');
  });
});

/** The Job's pods as the fake would list them with every container still running (the probe not ended). */
const stillRunning = (pods: Awaited<ReturnType<FakeClusterApi['listJobPods']>>) =>
  pods.map((p) => ({
    ...p,
    phase: 'Running' as const,
    containers: p.containers.map((c) => ({
      name: c.name,
      ready: true,
      restartCount: 0,
      state: 'running' as const,
    })),
  }));

const count = (api: FakeClusterApi, method: string) => api.calls.filter((c) => c === method).length;

describe('the probe Job poll', () => {
  it('reads only the pods while the Job has its pod, and stops as soon as the pod has ended', async () => {
    const api = new FakeClusterApi('1.16');
    const ended = api.listJobPods.bind(api);
    let reads = 0;
    api.listJobPods = async (ns, job) => {
      const pods = await ended(ns, job);
      return reads++ < 3 ? stillRunning(pods) : pods;
    };
    const r = await probeJobOn(api, virtualClock());
    expect(r.kind).toBe('done');
    expect(reads).toBe(4);
    expect(count(api, 'getJob')).toBe(0);
  });

  it('reads the Job while no pod shows, and the pods again once the Job has ended', async () => {
    const api = new FakeClusterApi('1.16');
    const afterEnd = api.listJobPods.bind(api);
    let reads = 0;
    // the first read comes before the pod shows, though the Job already reports its end
    api.listJobPods = async (ns, job) => (reads++ > 0 ? afterEnd(ns, job) : []);
    const r = await probeJobOn(api, virtualClock());
    expect(r.kind).toBe('done');
    const states = r.kind === 'done' ? r.containers.map((c) => c.state) : [];
    expect(states.length).toBeGreaterThan(1);
    expect(states).not.toContain('unknown');
    expect(reads).toBe(2);
    expect(count(api, 'getJob')).toBe(1);
  });

  it('reads the Job once its deadline has passed, and ends when the Job has failed while its pod still stops', async () => {
    const api = new FakeClusterApi('1.16');
    const pods = api.listJobPods.bind(api);
    api.listJobPods = async (ns, job) => stillRunning(await pods(ns, job));
    const clock = virtualClock();
    const jobStatus = api.getJob.bind(api);
    let readAt = -1;
    api.getJob = async (ns, name) => {
      readAt = clock.now();
      return jobStatus(ns, name);
    };
    const r = await probeJobOn(api, clock);
    expect(r.kind).toBe('done');
    expect(count(api, 'getJob')).toBe(1);
    expect(readAt).toBeGreaterThanOrEqual(PROBE_ACTIVE_DEADLINE_SECONDS * 1000);
  });

  it('says the Job disappeared when it is gone with its pods', async () => {
    const api = new FakeClusterApi('1.16');
    api.listJobPods = async () => [];
    api.getJob = async () => null;
    const r = await probeJobOn(api, virtualClock());
    expect(r).toMatchObject({
      kind: 'timeout',
      message: expect.stringMatching(/disappeared before finishing/),
    });
  });
});
