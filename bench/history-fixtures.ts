import type { Outcome, Status } from '../core/outcome.ts';
import { worstStatus } from '../core/outcome.ts';
import type { ClusterReport, MeshView, SweepReport } from '../core/sweep/report.ts';

/** Check ids a fixture cluster run reports (one subject each unless per node). */
export const fixtureChecks = [
  'component.agent.status',
  'component.agent.rollout',
  'component.operator.ready',
  'component.hubble.ready',
  'node.health.reachability',
  'node.health.latency',
  'node.endpoints.state',
  'business.dns.resolve',
  'business.service.reach',
  'config.kernel.version',
  'config.mesh.identity',
  'config.health.detection',
  'version.skew',
] as const;

export interface FixtureCluster {
  name: string;
  provider?: string;
  region?: string;
  clusterId?: number;
  ciliumVersion?: string;
  peers?: string[];
  config?: Record<string, string>;
}

/** Overrides: `check` or `check@subject` → status; `peer:<name>` → that peer not ready; `unreachable`. */
export type Faults = Record<string, Status | boolean | number>;

function result(check: string, subject: string, status: Status, metrics?: Record<string, number>): Outcome {
  const o: Outcome = {
    check,
    subject,
    status,
    message: status === 'pass' ? `${check} ok` : `${check} ${status} on ${subject}`,
  };
  if (status !== 'pass') o.hint = `look at ${check.split('.')[1]}`;
  if (metrics) o.metrics = metrics;
  return o;
}

/** A deterministic cluster run with the given faults. */
export function fixtureRun(c: FixtureCluster, faults: Faults = {}): ClusterReport {
  if (faults.unreachable) {
    return {
      name: c.name,
      status: 'error',
      durationMs: 5,
      results: [],
      error: { code: 'unreachable', message: 'connect ECONNREFUSED' },
    };
  }
  const rtt = typeof faults.rtt === 'number' ? faults.rtt : 0.4;
  const notReady = typeof faults.endpoints === 'number' ? faults.endpoints : 0;
  const results: Outcome[] = [];
  for (const check of fixtureChecks) {
    const subject = check.startsWith('node.health.reach') ? 'node-1' : 'cluster';
    const st = (faults[`${check}@${subject}`] ?? faults[check] ?? 'pass') as Status;
    const metrics: Record<string, number> | undefined =
      check === 'node.health.latency'
        ? { rttP50Ms: rtt / 2, rttP95Ms: rtt, rttMaxMs: rtt * 2 }
        : check === 'node.endpoints.state'
          ? { ready: 20, notReady }
          : undefined;
    results.push(result(check, subject, st, metrics));
  }
  const mesh: MeshView[] = (c.peers ?? []).map((peer) => {
    const down = faults[`peer:${peer}`] === true;
    return {
      peer,
      configured: true,
      agentsReporting: 3,
      agentsReady: down ? 0 : 3,
      agentsSampled: 3,
      ready: !down,
      numNodes: 3,
      numEndpoints: 12,
      numFailures: down ? 4 : 0,
      ...(down ? { lastFailure: '2026-11-20T10:00:00Z', message: 'connection refused' } : {}),
    };
  });
  for (const v of mesh) results.push(result('mesh.peer.connected', v.peer, v.ready ? 'pass' : 'fail'));
  return {
    name: c.name,
    status: worstStatus(results.map((r) => r.status)),
    durationMs: 1200,
    provider: c.provider ?? 'eks',
    region: c.region ?? 'eu-west-1',
    labels: { team: 'net' },
    ciliumVersion: c.ciliumVersion ?? '1.16.3',
    clusterId: c.clusterId ?? 1,
    config: {
      'cluster-name': c.name,
      'routing-mode': 'tunnel',
      ipam: 'cluster-pool',
      'kube-proxy-replacement': 'true',
      'max-connected-clusters': '255',
      ...(c.config ?? {}),
    },
    results,
    healthLinks: [
      { from: 'node-1', to: 'node-2', target: 'host', probe: 'icmp', ok: true, rttMs: rtt },
      {
        from: 'node-1',
        to: 'node-2',
        target: 'endpoint',
        probe: 'http',
        ok: faults['node.health.reachability'] !== 'fail',
      },
    ],
    mesh,
  };
}

/** A sweep report of fixture clusters at `startedAt` (mesh pairs left to the store/sweep). */
export function fixtureSweep(
  id: string,
  startedAt: Date,
  clusters: FixtureCluster[],
  faults: Record<string, Faults> = {},
): SweepReport {
  const runs = clusters.map((c) => fixtureRun(c, faults[c.name]));
  return {
    sweep: {
      id,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date(startedAt.getTime() + 30_000).toISOString(),
      status: worstStatus(runs.map((r) => r.status)),
    },
    clusters: runs,
    meshPairs: [],
  };
}
