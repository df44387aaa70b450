import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffRuns, type RunForDiff } from '../../core/analysis/regressions.ts';
import { type CheckSettings, defaultCheckSettings } from '../../core/checks/check.ts';
import { runClusterChecks } from '../../core/checks/run.ts';
import { kubeconfigTargets } from '../../core/fleet/kubeconfig-targets.ts';
import type { Status } from '../../core/outcome.ts';
import type { ClusterReport, SweepReport } from '../../core/sweep/report.ts';
import { runSweep } from '../../core/sweep/run-sweep.ts';
import { loadScenario, startSimulator } from '../../sim/index.ts';

/**
 * Acceptance verdicts: the statuses (and hint facts) a Cilium expert expects for the scenarios under
 * sim/scenarios/acceptance/, swept in-process over HTTPS. Failing cases here are real bugs; see
 * /work/briefs/qa-findings.md (F-numbers in the test names).
 */

const DIR = 'sim/scenarios/acceptance';
const settings: CheckSettings = {
  ...defaultCheckSettings,
  execDeadlineMs: 5_000,
  apiDeadlineMs: 10_000,
  // Simulated endpoint faults persist: a short settle wait keeps the re-read without slowing the suite.
  endpointsSettleMs: 200,
};
const tmp = mkdtempSync(join(tmpdir(), 'fleetcheck-acceptance-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Starts the simulator on a scenario file (optionally on a shifted clock), sweeps it once per offset, stops. */
async function sweepFile(
  file: string,
  offsetsSeconds: number[] = [0],
  checkSettings: CheckSettings = settings,
): Promise<SweepReport[]> {
  let offsetMs = 0;
  const sim = await startSimulator(await loadScenario(join(DIR, file)), {
    clock: () => Date.now() + offsetMs,
  });
  try {
    const kubeconfig = join(tmp, `${file}.kubeconfig.yaml`);
    await sim.writeKubeconfig(kubeconfig);
    const reports: SweepReport[] = [];
    for (const s of offsetsSeconds) {
      offsetMs = s * 1000;
      // The simulator opens/closes listeners for apiserver-down on its 200 ms tick: let it see the new time.
      await new Promise((res) => setTimeout(res, 600));
      reports.push(
        await runSweep({
          targets: kubeconfigTargets({ files: [kubeconfig] }),
          runChecks: runClusterChecks,
          settings: checkSettings,
          clusterDeadlineMs: 60_000,
        }),
      );
    }
    return reports;
  } finally {
    await sim.stop();
  }
}

function clusterOf(report: SweepReport, name: string): ClusterReport {
  const c = report.clusters.find((x) => x.name === name);
  if (!c) throw new Error(`cluster ${name} missing from the sweep`);
  return c;
}

/** The status of (check, subject) on a cluster, or `absent`. */
function statusOf(report: SweepReport, cluster: string, check: string, subject = 'cluster'): string {
  return (
    clusterOf(report, cluster).results.find((r) => r.check === check && r.subject === subject)?.status ??
    'absent'
  );
}

/** Every hint and message of a cluster, joined (for "never suggests X" assertions). */
function textOf(report: SweepReport, cluster: string): string {
  return clusterOf(report, cluster)
    .results.map((r) => `${r.message}\n${r.hint ?? ''}`)
    .join('\n');
}

type Row = [cluster: string, check: string, subject: string, status: Status];

function expectRows(report: SweepReport, rows: Row[]): void {
  for (const [cluster, check, subject, status] of rows) {
    expect(statusOf(report, cluster, check, subject), `${cluster} ${check} [${subject}]`).toBe(status);
  }
}

describe.each([
  ['14', '1.14.6'],
  ['16', '1.16.5'],
  ['18', '1.18.2'],
])('each fault alone on Cilium 1.%s', (v, full) => {
  let r: SweepReport;
  const c = (name: string) => `v${v}-${name}`;
  beforeAll(async () => {
    [r] = (await sweepFile(`single-faults-1-${v}.yaml`)) as [SweepReport];
  }, 240_000);

  it('keeps a healthy cluster pass and runs the right Cilium version', () => {
    expect(clusterOf(r, c('healthy')).status).toBe('pass');
    expect(clusterOf(r, c('healthy')).ciliumVersion).toBe(full);
  });

  it('gives fail for broken components and error for what could not be evaluated', () => {
    expectRows(r, [
      [c('agent-not-ready'), 'component.agent.rollout', 'cluster', 'fail'],
      [c('agent-crashloop'), 'component.agent.status', 'node-2', 'fail'],
      [c('agent-crashloop'), 'component.agent.rollout', 'cluster', 'fail'],
      [c('agent-status-fail'), 'component.agent.status', 'node-2', 'fail'],
      [c('agent-status-fail'), 'component.agent.status', 'node-1', 'pass'],
      [c('agent-status-kvstore-warn'), 'component.agent.status', 'node-1', 'warn'],
      [c('agent-hang'), 'component.agent.status', 'node-2', 'error'],
      [c('agent-hang'), 'component.agent.status', 'node-1', 'pass'],
      [c('controller-failing'), 'component.agent.status', 'node-1', 'fail'],
      [c('health-unreachable'), 'node.health.reachability', 'node-2', 'fail'],
      [c('health-unreachable'), 'node.health.reachability', 'node-1', 'pass'],
      [c('health-latency'), 'node.health.latency', 'cluster', 'fail'],
      [c('endpoints-stuck'), 'node.endpoints.state', 'cluster', 'warn'],
      [c('operator-unavailable'), 'component.operator.ready', 'cluster', 'fail'],
      [c('hubble-down'), 'component.hubble.ready', 'cluster', 'fail'],
      [c('dns-nxdomain'), 'business.dns.resolve', 'dns', 'fail'],
      [c('service-refused'), 'business.service.reach', 'kubernetes API service', 'fail'],
      [c('job-pending'), 'business.dns.resolve', 'dns', 'error'],
      [c('api-403'), 'component.agent.rollout', 'cluster', 'error'],
      [c('api-500'), 'component.operator.ready', 'cluster', 'error'],
      [c('exec-forbidden'), 'component.agent.status', 'node-1', 'error'],
      [c('exec-forbidden'), 'node.health.reachability', 'node-1', 'error'],
      [c('garbage-status'), 'component.agent.status', 'node-1', 'error'],
    ]);
    expect(clusterOf(r, c('exec-forbidden')).status).toBe('error');
    expect(clusterOf(r, c('garbage-status')).status).toBe('error');
  });

  it('names the cilium-health port and the permission in its hints', () => {
    const health = clusterOf(r, c('health-unreachable')).results.find(
      (x) => x.check === 'node.health.reachability' && x.subject === 'node-2',
    );
    expect(health?.hint).toMatch(/4240/);
    expect(health?.hint).toMatch(/NOT a business/);
    const exec = clusterOf(r, c('exec-forbidden')).results.find((x) => x.check === 'component.agent.status');
    expect(exec?.message).toMatch(/pods\/exec/);
  });

  it('F8: blames the stopped agent, not the network, for health paths to its node', () => {
    const h = clusterOf(r, c('agent-crashloop')).results.find(
      (x) => x.check === 'node.health.reachability' && x.subject === 'node-2',
    );
    if (h && h.status !== 'pass') expect(h.hint).toMatch(/agent on node-2 is not running/);
  });

  it.runIf(v === '14')(
    'F1: never suggests or claims to run cilium-dbg on 1.14 (only `cilium` exists)',
    () => {
      for (const name of [
        'agent-status-fail',
        'agent-hang',
        'controller-failing',
        'garbage-status',
        'exec-forbidden',
      ]) {
        expect(textOf(r, c(name)), c(name)).not.toMatch(/cilium-dbg/);
      }
    },
  );
});

describe('fault combinations', () => {
  let r: SweepReport;
  beforeAll(async () => {
    // With 429 on every 2nd request, concurrent exec upgrades can each meet several 429s in a row (1 s
    // Retry-After apiece): they get the product's exec deadline here, not the suite's short one.
    const throttled = { ...settings, execDeadlineMs: defaultCheckSettings.execDeadlineMs };
    [r] = (await sweepFile('combinations.yaml', [0], throttled)) as [SweepReport];
  }, 240_000);

  it('judges each part of a combination on its own', () => {
    expectRows(r, [
      ['hang-and-unreachable', 'component.agent.status', 'node-2', 'error'],
      ['hang-and-unreachable', 'component.agent.status', 'node-1', 'pass'],
      ['hang-and-unreachable', 'node.health.reachability', 'node-2', 'fail'],
      ['hang-and-unreachable', 'component.operator.ready', 'cluster', 'pass'],
      ['forbidden-no-operator', 'component.operator.ready', 'cluster', 'fail'],
      ['forbidden-no-operator', 'component.agent.status', 'node-1', 'error'],
      ['forbidden-no-operator', 'node.health.reachability', 'node-1', 'error'],
      ['forbidden-no-operator', 'component.agent.rollout', 'cluster', 'pass'],
      ['garbage-health', 'node.health.reachability', 'node-1', 'error'],
      ['garbage-health', 'component.agent.status', 'node-1', 'pass'],
      ['dns-timeout-svc-timeout', 'business.dns.resolve', 'dns', 'fail'],
      ['dns-timeout-svc-timeout', 'business.service.reach', 'kubernetes API service', 'error'],
      ['svc-timeout', 'business.service.reach', 'kubernetes API service', 'fail'],
      ['hubble-disabled', 'component.hubble.ready', 'cluster', 'skip'],
      ['hubble-disabled-114', 'component.hubble.ready', 'cluster', 'skip'],
      ['ctrl-fail-114', 'component.agent.status', 'node-3', 'fail'],
      ['endpoints-one-regenerating', 'node.endpoints.state', 'cluster', 'warn'],
      ['endpoints-many-not-ready', 'node.endpoints.state', 'cluster', 'fail'],
      ['icmp-blocked', 'node.health.reachability', 'node-3', 'fail'],
      ['latency-moderate', 'node.health.latency', 'cluster', 'warn'],
      ['agent-health-failure', 'component.agent.status', 'node-1', 'fail'],
      ['agent-hubble-warning', 'component.hubble.ready', 'cluster', 'warn'],
      ['job-unschedulable', 'business.dns.resolve', 'dns', 'error'],
    ]);
    for (const name of ['hubble-disabled', 'hubble-disabled-114'])
      expect(clusterOf(r, name).status).toBe('pass');
    expect(clusterOf(r, 'api-401').status).toBe('error');
    expect(clusterOf(r, 'api-401').error?.code).toBe('access-denied');
  });

  it('F9: a hung agent costs one exec deadline, not the cluster deadline', () => {
    expect(clusterOf(r, 'hang-and-unreachable').error).toBeUndefined();
  });

  it('F1: the controller hint on 1.14 uses the `cilium` binary', () => {
    const ctrl = clusterOf(r, 'ctrl-fail-114').results.find(
      (x) => x.check === 'component.agent.status' && x.status === 'fail',
    );
    expect(ctrl?.hint).toMatch(/-- cilium status --all-controllers/);
    expect(textOf(r, 'hubble-disabled-114')).not.toMatch(/cilium-dbg/);
  });

  it('F5: a failing health daemon points at health.sock, not the agent API socket', () => {
    const h = clusterOf(r, 'agent-health-failure').results.find(
      (x) => x.check === 'node.health.reachability' && x.subject === 'node-1',
    );
    expect(h?.status).toBe('error');
    expect(h?.hint ?? '').not.toMatch(/cilium\.sock/);
  });

  it('F2/F3: throttling (429 every 2nd) and 503 every 3rd are absorbed by retries', () => {
    for (const name of ['api-429-every-2', 'api-503-every-3']) {
      const notPass = clusterOf(r, name)
        .results.filter((x) => x.status !== 'pass' && x.status !== 'skip')
        .map((x) => `${x.check} ${x.subject}: ${x.status} ${x.message}`);
      expect(clusterOf(r, name).status, notPass.join('\n')).toBe('pass');
    }
  });
});

describe('kernel minimums per Cilium version', () => {
  let r: SweepReport;
  beforeAll(async () => {
    [r] = (await sweepFile('kernels.yaml')) as [SweepReport];
  }, 240_000);

  it('fails below the minimum of the running version and passes at it', () => {
    const kernel = 'config.kernel.version';
    for (const [name, status] of [
      ['k114-4-19-57', 'pass'],
      ['k114-4-19-56', 'fail'],
      ['k115-4-19-57', 'pass'],
      ['k115-4-14', 'fail'],
      ['k116-5-4', 'pass'],
      ['k116-4-19', 'fail'],
      ['k117-5-4', 'pass'],
      ['k118-5-4', 'fail'],
      ['k118-5-10', 'pass'],
      ['k118-6-1', 'pass'],
    ] as const) {
      const got = clusterOf(r, name)
        .results.filter((x) => x.check === kernel)
        .map((x) => x.status);
      expect(got.length, name).toBeGreaterThan(0);
      expect(
        status === 'pass' ? got.every((s) => s === 'pass') : got.includes('fail'),
        `${name}: ${got}`,
      ).toBe(true);
    }
    expect(statusOf(r, 'k118-mixed', kernel, 'node-2')).toBe('fail');
    expect(statusOf(r, 'k118-mixed', kernel, 'node-1')).not.toBe('fail');
    const hint = clusterOf(r, 'k118-5-4').results.find(
      (x) => x.check === kernel && x.status === 'fail',
    )?.hint;
    expect(hint).toMatch(/5\.10/);
  });
});

describe('ClusterMesh misconfigurations', () => {
  let r: SweepReport;
  const pair = (a: string, b: string) =>
    r.meshPairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  beforeAll(async () => {
    [r] = (await sweepFile('mesh.yaml')) as [SweepReport];
  }, 240_000);

  it('passes a healthy pair and names the blind side of a one-sided break', () => {
    expect(pair('ok-a', 'ok-b')?.status).toBe('pass');
    const one = pair('one-a', 'one-b');
    expect(one?.status).toBe('warn');
    const aIsOneA = one?.a === 'one-a';
    expect(aIsOneA ? one?.aSeesB : one?.bSeesA).toBe(false);
    expect(aIsOneA ? one?.bSeesA : one?.aSeesB).toBe(true);
    expect(one?.message).toMatch(/^one-a cannot see one-b/);
    expectRows(r, [
      ['one-a', 'mesh.peer.connected', 'one-b', 'fail'],
      ['one-b', 'mesh.peer.connected', 'one-a', 'pass'],
      ['lonely', 'mesh.peer.connected', 'ghost-peer', 'fail'],
      ['live-side', 'mesh.peer.connected', 'dead-side', 'fail'],
    ]);
  });

  it('fails a cluster-id clash on both sides', () => {
    for (const name of ['dup-a', 'dup-b']) {
      expect(
        clusterOf(r, name).results.some((x) => x.check === 'config.mesh.identity' && x.status === 'fail'),
      ).toBe(true);
    }
  });

  it('F1: a disconnected peer on 1.14 gets a hint without cilium-dbg', () => {
    expect(statusOf(r, 'old-a', 'mesh.peer.connected', 'old-b')).toBe('fail');
    expect(textOf(r, 'old-a')).not.toMatch(/cilium-dbg/);
  });

  it('F6: a pair sharing a cluster-id is not a passing pair', () => {
    expect(pair('dup-a', 'dup-b')?.status).not.toBe('pass');
  });

  it('fails a pair configured on one side only, and warns on version skew beyond one minor', () => {
    const half = pair('half-a', 'half-b');
    expect(half?.status).toBe('warn');
    expect(half?.message).toMatch(/half-b cannot see half-a/);
    expect(statusOf(r, 'skew-a', 'version.skew', 'skew-b')).toBe('warn');
    // F14: the side missing the secret entry is told which peer expects it.
    expect(statusOf(r, 'half-b', 'mesh.peer.connected', 'half-a')).toBe('warn');
    expect(clusterOf(r, 'half-b').status).toBe('warn');
  });

  it('keeps a pair with an unreachable side apart from a healthy one', () => {
    expect(clusterOf(r, 'dead-side').status).toBe('error');
    expect(['error', 'fail']).toContain(pair('live-side', 'dead-side')?.status);
  });
});

describe('two phases: regressions and recoveries an operator expects', () => {
  let a: SweepReport;
  let b: SweepReport;
  let diff: ReturnType<typeof diffRuns>;
  const has = (
    list: { cluster: string; check: string; subject: string; from: string; to: string }[],
    row: string,
  ) => list.some((x) => `${x.cluster} ${x.check} ${x.subject} ${x.from}->${x.to}` === row);
  beforeAll(async () => {
    [a] = (await sweepFile('two-phase-a.yaml')) as [SweepReport];
    [b] = (await sweepFile('two-phase-b.yaml')) as [SweepReport];
    const run = (c: ClusterReport): RunForDiff => ({
      cluster: c.name,
      status: c.status,
      ...(c.error ? { error: c.error } : {}),
      results: c.results,
    });
    diff = diffRuns(new Map(a.clusters.map((c) => [c.name, run(c)])), b.clusters.map(run));
  }, 240_000);

  it('lists exactly the regressions of phase B', () => {
    for (const row of [
      'tp-agent component.agent.status node-1 pass->fail',
      'tp-kvstore component.agent.status node-1 warn->fail',
      'tp-health node.health.reachability node-2 pass->fail',
      'tp-mesh-a mesh.peer.connected tp-mesh-b pass->fail',
      'tp-rbac component.agent.status node-1 pass->error',
      'tp-down cluster cluster pass->error',
      'tp-job business.dns.resolve dns pass->error',
    ]) {
      expect(has(diff.regressions, row), row).toBe(true);
    }
    const clusters = new Set(diff.regressions.map((x) => x.cluster));
    expect(clusters.has('tp-steady')).toBe(false);
    expect(clusters.has('tp-mesh-b')).toBe(false);
    expect(clusters.has('tp-operator')).toBe(false);
  });

  it('lists the recoveries', () => {
    expect(has(diff.recoveries, 'tp-operator component.operator.ready cluster fail->pass')).toBe(true);
    expect(has(diff.recoveries, 'tp-dns business.dns.resolve dns fail->pass')).toBe(true);
  });

  it('F4: a probe that could not run regresses the same service subject that passed before', () => {
    expect(has(diff.regressions, 'tp-job business.service.reach kubernetes API service pass->error')).toBe(
      true,
    );
  });

  it('gives the one-sided pair verdict in phase B only', () => {
    const pairOf = (s: SweepReport) => s.meshPairs.find((p) => [p.a, p.b].includes('tp-mesh-a'));
    expect(pairOf(a)?.status).toBe('pass');
    expect(pairOf(b)?.status).toBe('warn');
    expect(pairOf(b)?.message).toMatch(/^tp-mesh-a cannot see tp-mesh-b/);
  });
});

describe('faults that come and go (after/until on the simulator clock)', () => {
  let t0: SweepReport;
  let t150: SweepReport;
  let t250: SweepReport;
  beforeAll(async () => {
    [t0, t150, t250] = (await sweepFile('timeline.yaml', [0, 150, 250])) as [
      SweepReport,
      SweepReport,
      SweepReport,
    ];
  }, 240_000);

  it('follows apiserver-down between after and until: pass, error, pass', () => {
    expect([t0, t150, t250].map((s) => clusterOf(s, 'tl-down').status)).toEqual(['pass', 'error', 'pass']);
  });

  it('recovers DNS after until and breaks health after after', () => {
    expect(statusOf(t0, 'tl-dns', 'business.dns.resolve', 'dns')).toBe('fail');
    expect(statusOf(t150, 'tl-dns', 'business.dns.resolve', 'dns')).toBe('pass');
    expect(statusOf(t0, 'tl-health', 'node.health.reachability', 'node-2')).toBe('pass');
    expect(statusOf(t150, 'tl-health', 'node.health.reachability', 'node-2')).toBe('fail');
    expect(statusOf(t250, 'tl-health', 'node.health.reachability', 'node-2')).toBe('fail');
  });

  it('breaks the pair on the disconnected side only and brings the operator back', () => {
    const pairOf = (s: SweepReport) => s.meshPairs.find((p) => [p.a, p.b].includes('tl-peer'));
    expect(pairOf(t0)?.status).toBe('pass');
    expect(pairOf(t150)?.status).toBe('warn');
    expect(pairOf(t150)?.message).toMatch(/^tl-peer cannot see tl-mesh/);
    expect(statusOf(t150, 'tl-mesh', 'component.operator.ready')).toBe('fail');
    expect(statusOf(t250, 'tl-mesh', 'component.operator.ready')).toBe('pass');
  });
});

describe('scale and sampling', () => {
  let r: SweepReport;
  beforeAll(async () => {
    [r] = (await sweepFile('scale-sampling.yaml')) as [SweepReport];
  }, 240_000);

  it('does not warn a 100-node Cilium 1.16 cluster: its health prober ticks every 60 s whatever the size', () => {
    const d = clusterOf(r, 'big-100').results.find((x) => x.check === 'config.health.detection');
    expect(d?.status).toBe('pass');
    expect(d?.metrics?.probeIntervalSeconds).toBe(60);
    expect(statusOf(r, 'churn', 'config.health.detection')).toBe('pass');
  });

  it('always samples a not-Ready agent beyond the sample size', () => {
    expect(statusOf(r, 'sampled-12', 'component.agent.status', 'node-12')).toBe('fail');
    expect(statusOf(r, 'sampled-12', 'component.agent.rollout')).toBe('fail');
  });

  it('reports endpoints the agent rejected', () => {
    expect(['warn', 'fail']).toContain(statusOf(r, 'invalid-eps', 'node.endpoints.state'));
  });
});

describe('edge cases', () => {
  let r: SweepReport;
  beforeAll(async () => {
    [r] = (await sweepFile('edge-cases.yaml')) as [SweepReport];
  }, 240_000);

  it('skips Hubble when disabled even if the relay is down', () => {
    expect(statusOf(r, 'nohubble-down', 'component.hubble.ready')).toBe('skip');
    expect(clusterOf(r, 'nohubble-down').status).toBe('pass');
  });

  it('fails every crash-looping agent and does not invent health failures', () => {
    expectRows(r, [
      ['all-crash', 'component.agent.status', 'node-1', 'fail'],
      ['all-crash', 'component.agent.status', 'node-2', 'fail'],
      ['all-crash', 'component.agent.rollout', 'cluster', 'fail'],
      ['ctl-118', 'component.agent.status', 'node-2', 'fail'],
      ['mesh-peer', 'mesh.peer.connected', 'all-crash-mesh', 'pass'],
    ]);
    expect(statusOf(r, 'all-crash-mesh', 'mesh.peer.connected', 'mesh-peer')).not.toBe('pass');
  });

  it('F16: a single-node cluster has no peer to probe: health is not an error', () => {
    expect(clusterOf(r, 'single-node').status).toBe('pass');
    expect(['pass', 'skip']).toContain(statusOf(r, 'single-node', 'node.health.reachability'));
  });
});
