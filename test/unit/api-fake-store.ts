import type { MeshComparison, MeshPairSummary, WeeklyReport } from '../../core/analysis/mesh-types.ts';
import type {
  ClusterDetail,
  ClusterSummary,
  FleetView,
  Page,
  SweepSummary,
} from '../../core/analysis/types.ts';
import type { History } from '../../core/history/history.ts';
import type { SweepReport } from '../../core/sweep/report.ts';

const at = '2026-11-25T12:00:00.000Z';
const counts = { pass: 3, warn: 0, fail: 0, error: 0, skip: 1 };

function summary(name: string, i: number): ClusterSummary {
  return {
    name,
    provider: 'eks',
    region: i % 2 ? 'eu-west-1' : 'us-east-1',
    labels: {},
    firstSeen: at,
    lastSeen: at,
    lastStatus: name === 'bad-1' ? 'fail' : 'pass',
    lastSweepId: 'sw_2',
    stale: false,
  };
}

function paginate<T>(all: T[], opts: { cursor?: string; limit?: number }): Page<T> {
  const start = opts.cursor ? Number(opts.cursor) : 0;
  const limit = opts.limit ?? 100;
  const items = all.slice(start, start + limit);
  return start + limit < all.length ? { items, nextCursor: String(start + limit) } : { items };
}

/** An in-memory History with canned answers, recording the calls it gets. */
export function fakeStore(clusterCount = 5) {
  const names = ['bad-1', ...Array.from({ length: clusterCount - 1 }, (_, i) => `ok-${i + 1}`)];
  const calls: { method: string; args: unknown[] }[] = [];
  const record = (method: string, args: unknown[]) => {
    calls.push({ method, args });
  };
  const rec = <T>(method: string, args: unknown[], value: T): T => {
    record(method, args);
    return value;
  };
  const sweeps: SweepSummary[] = ['sw_2', 'sw_1'].map((id) => ({
    id,
    startedAt: at,
    finishedAt: at,
    status: 'fail',
    clusters: names.length,
    clusterCounts: { pass: names.length - 1, warn: 0, fail: 1, error: 0 },
  }));
  const detail = (name: string): ClusterDetail => ({
    ...summary(name, 0),
    latestRun: {
      sweepId: 'sw_2',
      at,
      status: name === 'bad-1' ? 'fail' : 'pass',
      durationMs: 120,
      counts,
      layers: { component: name === 'bad-1' ? 'fail' : 'pass', node: 'pass' },
      healthRttP95Ms: 1.5,
      results: [
        name === 'bad-1'
          ? {
              check: 'component.agent.status',
              subject: 'node-1',
              status: 'fail',
              message: 'cilium agent reports Failure',
              hint: 'look at BPF map init on node-1',
            }
          : { check: 'component.agent.status', subject: 'cluster', status: 'pass', message: 'ok' },
        { check: 'node.health.latency', subject: 'cluster', status: 'pass', message: 'p95 1.5ms' },
      ],
      healthLinks: [],
      mesh: [],
    },
  });
  const pair: MeshPairSummary = {
    a: 'bad-1',
    b: 'ok-1',
    status: 'warn',
    aSeesB: false,
    bSeesA: true,
    message: 'bad-1 cannot see ok-1',
    sweepId: 'sw_2',
    at,
  };
  const stored = new Map<string, WeeklyReport>();
  const store: History = {
    saveSweep: async (r) => void record('saveSweep', [r]),
    createSweep: async (s) => void record('createSweep', [s]),
    saveClusterRun: async (id, r) => {
      record('saveClusterRun', [id, r]);
      return { landed: 0, planned: 0 };
    },
    claimFinish: async () => false,
    acquireLease: async (_name, holder) => holder,
    releaseLease: async () => undefined,
    recordFinished: async () => {
      throw new Error('not used');
    },
    sweepRuns: async () => {
      throw new Error('not used');
    },
    fleet: async (o) => {
      record('fleet', [o]);
      const view: FleetView = {
        generatedAt: at,
        lastSweep: { id: 'sw_2', startedAt: at, status: 'fail' },
        counts: { total: names.length, pass: names.length - 1, warn: 0, fail: 1, error: 0, stale: 0 },
        clusters: names.map((name, i) => ({
          name,
          status: name === 'bad-1' ? 'fail' : 'pass',
          stale: false,
          lastCheckedAt: at,
          sweepId: 'sw_2',
          provider: summary(name, i).provider,
          layers: { component: name === 'bad-1' ? 'fail' : 'pass' },
          counts,
        })),
      };
      return view;
    },
    clusters: async (o) => rec('clusters', [o], paginate(names.map(summary), o)),
    cluster: async (n) => rec('cluster', [n], names.includes(n) ? detail(n) : null),
    clusterHistory: async (n, o) => {
      record('clusterHistory', [n, o]);
      if (!names.includes(n)) return null;
      const {
        results: _r,
        healthLinks: _h,
        mesh: _m,
        config: _c,
        ...run
      } = detail(n).latestRun ?? ({} as never);
      return paginate([run, { ...run, sweepId: 'sw_1' }], o);
    },
    sweeps: async (o) => rec('sweeps', [o], paginate(sweeps, o)),
    sweep: async (id) => {
      record('sweep', [id]);
      if (id !== 'sw_1' && id !== 'sw_2') return null;
      const report: SweepReport = {
        sweep: { id, startedAt: at, finishedAt: at, status: 'pass' },
        clusters: [],
        meshPairs: [],
      };
      return report;
    },
    regressions: async (q) => {
      record('regressions', [q]);
      return {
        baseline: { sweepId: 'sw_1', at },
        current: { sweepId: 'sw_2', at },
        regressions: [
          {
            cluster: 'bad-1',
            check: 'component.agent.status',
            subject: 'node-1',
            from: 'pass',
            to: 'fail',
            message: 'Failure',
            hint: 'BPF',
          },
        ],
        recoveries: [],
        metricRegressions: [],
      };
    },
    flapping: async (q) => rec('flapping', [q], []),
    trends: async (q) => {
      record('trends', [q]);
      return [
        {
          key: 'fleet',
          metric: q.metric,
          bucket: q.bucket,
          points: [
            { t: at, value: 0.9 },
            { t: at, value: 1 },
          ],
        },
      ];
    },
    meshPairs: async () => rec('meshPairs', [], [pair]),
    meshCompare: async (a, b, o) => {
      record('meshCompare', [a, b, o]);
      if (!names.includes(a) && !names.includes(b)) return null;
      const side = (cluster: string, sees: boolean) => ({
        cluster,
        known: true,
        layers: {},
        viewOfPeer: null,
        seesPeer: sees,
      });
      const cmp: MeshComparison = {
        a: side(a, false),
        b: side(b, true),
        verdict: { status: 'warn', message: `${a} cannot see ${b}`, problems: [] },
        versions: {},
        config: [],
        clusterIdUnique: true,
        clusterIdClashWith: [],
        history: [],
      };
      return cmp;
    },
    weeklyReport: async (week) => {
      record('weeklyReport', [week]);
      const r: WeeklyReport = {
        week,
        from: at,
        to: at,
        generatedAt: at,
        sweeps: 2,
        clusters: names.length,
        fleetScore: 0.9,
        previousScore: null,
        scoreChange: null,
        openRegressions: [],
        recoveries: [],
        flapping: [],
        worstClusters: [],
        degradedMeshPairs: [],
        layers: [],
      };
      return r;
    },
    saveReport: async (week, report) => {
      record('saveReport', [week, report]);
      stored.set(week, report);
    },
    storedReport: async (week) => {
      record('storedReport', [week]);
      return stored.get(week) ?? null;
    },
    prune: async () => ({ deletedRuns: 0, deletedResults: 0 }),
    close: async () => void record('close', []),
  };
  return { store, calls, names };
}
