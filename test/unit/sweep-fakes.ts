import type { ClusterRun } from '../../core/checks/check.ts';
import type { ClusterTarget } from '../../core/fleet/target.ts';
import type { ClusterApi } from '../../core/kube/cluster-api.ts';
import type { Outcome } from '../../core/outcome.ts';
import type { MeshView } from '../../core/sweep/report.ts';
import type { SweepRunChecks } from '../../core/sweep/run-cluster.ts';

/** Names of the stub apis closed so far, in order. */
export const closedApis: string[] = [];

/** A fleet target whose connect() hands back a stub api (or throws `connectError`). */
export function fakeTarget(
  name: string,
  extra: Partial<ClusterTarget> = {},
  connectError?: Error,
): ClusterTarget {
  return {
    name,
    provider: 'generic',
    labels: {},
    expectedPeers: [],
    probeTargets: [],
    overrides: {},
    source: { kind: 'kubeconfig', context: name },
    connect: async () => {
      if (connectError) throw connectError;
      return { cluster: name, close: () => closedApis.push(name) } as unknown as ClusterApi;
    },
    ...extra,
  };
}

export function view(peer: string, ready: boolean, extra: Partial<MeshView> = {}): MeshView {
  return {
    peer,
    configured: true,
    agentsReporting: 3,
    agentsReady: ready ? 3 : 0,
    agentsSampled: 3,
    ready,
    ...extra,
  };
}

export function result(check: string, status: Outcome['status'], subject = 'cluster'): Outcome {
  return {
    check,
    subject,
    status,
    message: `${check} ${status}`,
    ...(status === 'pass' ? {} : { hint: 'h' }),
  };
}

/** A ClusterRun with sane facts: cluster-name = name, version 1.16.5. */
export function fakeRun(name: string, extra: Partial<ClusterRun> = {}): ClusterRun {
  return {
    name,
    ciliumVersion: '1.16.5',
    clusterId: 1,
    config: { 'cluster-name': name },
    results: [result('component.agent.status', 'pass')],
    mesh: [],
    ...extra,
  };
}

/** A runChecks answering from a table of runs (or behaviours), recording the settings each cluster got. */
export function fakeRunner(
  runs: Record<
    string,
    ClusterRun | ((signal: AbortSignal, onResult?: (o: Outcome) => void) => Promise<ClusterRun>)
  >,
) {
  const seen = new Map<string, Parameters<SweepRunChecks>[2]>();
  let active = 0;
  let peak = 0;
  const runChecks: SweepRunChecks = async (_api, target, settings, signal, onResult) => {
    seen.set(target.name, settings);
    active += 1;
    peak = Math.max(peak, active);
    try {
      await new Promise((r) => setTimeout(r, 1));
      const r = runs[target.name] ?? fakeRun(target.name);
      return typeof r === 'function' ? await r(signal, onResult) : r;
    } finally {
      active -= 1;
    }
  };
  return { runChecks, seen, peak: () => peak };
}
