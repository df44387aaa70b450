import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCheckSettings } from '../../core/checks/check.ts';
import { runClusterChecks } from '../../core/checks/run.ts';
import type { ClusterTarget } from '../../core/fleet/target.ts';
import { execGate } from '../../core/kube/exec-gate.ts';
import { clusterApiFromEndpoint } from '../../core/kube/factories.ts';
import { sleep } from '../../core/time/timers.ts';
import { parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { fakeTarget } from '../fixtures/fake-cluster-api.ts';

// The process-wide exec bound is full when a big sweep's clusters queue their sessions (or hung agents hold
// the slots for a whole exec deadline); a session's own deadline, and the guard past it, start when it opens.
describe('an agent exec waiting for the process-wide exec bound', () => {
  let sim: Simulator;
  let target: ClusterTarget;

  beforeAll(async () => {
    sim = await startSimulator(
      parseScenario(
        JSON.stringify({
          version: 1,
          defaults: {
            ciliumVersion: '1.17.4',
            nodes: 2,
            latency: { apiMs: 1, execMs: 5, jobStartSeconds: 0 },
          },
          clusters: [{ name: 'queued' }],
        }),
      ),
    );
    const c = sim.clusters[0];
    if (!c) throw new Error('no cluster');
    const api = clusterApiFromEndpoint({
      name: c.name,
      server: c.server,
      caData: Buffer.from(sim.caPem).toString('base64'),
      token: async () => c.token,
    });
    target = fakeTarget(api);
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it('is not timed out by the wait: its deadline and guard start when the session opens', async () => {
    const before = execGate.concurrency;
    execGate.concurrency = 1;
    try {
      // Another cluster's session holds the only slot for longer than this run's exec deadline + guard slack.
      const held = execGate(() => sleep(2_500));
      const settings = { ...defaultCheckSettings, execDeadlineMs: 300, layers: ['component' as const] };
      const run = await runClusterChecks(
        await target.connect(),
        target,
        settings,
        AbortSignal.timeout(30_000),
      );
      await held;
      const agent = run.results.filter((r) => r.check === 'component.agent.status');
      expect(agent.map((r) => [r.subject, r.status, r.message])).toEqual([
        ['node-1', 'pass', expect.any(String)],
        ['node-2', 'pass', expect.any(String)],
      ]);
    } finally {
      execGate.concurrency = before;
    }
  }, 20_000);
});
