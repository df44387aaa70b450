import type { Fault, ResolvedCluster } from '../../sim/scenario/schema.ts';

/** Hourly steps of the backfill: 7 days. */
export const BACKFILL_STEPS = 168;

type Rule = (step: number, c: ResolvedCluster, peers: string[]) => Fault[];

const within = (step: number, from: number, to: number) => step >= from && step < to;
const node = (c: ResolvedCluster, i: number) => c.nodeNames[i % c.nodeNames.length] ?? 'node-1';

/** One story per cluster slot: a fault that comes and goes so regressions, recoveries, flapping and trends show. */
const rules: Rule[] = [
  (k, c) =>
    within(k, 20, 30) || k >= 150
      ? [{ type: 'health-unreachable', to: node(c, 2), target: 'both', probe: 'both', family: 'both' }]
      : [],
  (k, c) => (k >= 120 && k % 6 < 3 ? [{ type: 'health-latency', to: node(c, 1), ms: 80 }] : []),
  (k) =>
    k >= 100
      ? [
          {
            type: 'endpoint-state',
            state: 'not-ready',
            count: 1 + Math.floor((k - 100) / 12),
            namespace: 'default',
          },
        ]
      : [],
  (k) => (within(k, 60, 90) ? [{ type: 'operator-unavailable' }] : []),
  (k, c) =>
    within(k, 140, 146) || k >= 164
      ? [
          {
            type: 'agent-status',
            node: node(c, 0),
            component: 'kvstore',
            state: 'Failure',
            message: 'etcd: context deadline exceeded',
          },
        ]
      : [],
  (k) => (within(k, 40, 48) || (k >= 158 && k % 4 < 2) ? [{ type: 'hubble-down' }] : []),
];

/** A mesh side that loses its peer for a while and again at the end (one-sided disconnection). */
const meshRule: Rule = (k, _c, peers) =>
  peers[0] && (within(k, 110, 125) || k >= 160)
    ? [
        {
          type: 'mesh-disconnected',
          peer: peers[0],
          message: 'remote cluster configuration required but not found',
        },
      ]
    : [];

/**
 * Faults (on top of the scenario's own) for every cluster at hourly step `step` (0 = seven days ago; steps past
 * the backfill continue the same stories live). The first cluster with a peer in the fleet gets the mesh story;
 * the others, in order, get the stories above. `scenarioWindows: false` drops the scenario's own timed faults
 * (their windows count from the simulator's start); `windowShiftSeconds` moves those windows later (live mode).
 * @example demoFaults(clusters, 150).get('prod-use1') // [{ type: 'dns-failure', ... }]
 */
export function demoFaults(
  clusters: ResolvedCluster[],
  step: number,
  opts: { scenarioWindows?: boolean; windowShiftSeconds?: number } = {},
): Map<string, Fault[]> {
  const names = new Set(clusters.map((c) => c.name));
  const meshSide = clusters.find((c) => c.mesh.some((p) => names.has(p)));
  const others = clusters.filter((c) => c !== meshSide);
  const out = new Map<string, Fault[]>();
  const keep = (f: Fault) =>
    opts.scenarioWindows !== false || (f.after === undefined && f.until === undefined);
  const shift = opts.windowShiftSeconds ?? 0;
  const moved = (f: Fault): Fault => ({
    ...f,
    ...(f.after !== undefined ? { after: f.after + shift } : {}),
    ...(f.until !== undefined ? { until: f.until + shift } : {}),
  });
  for (const c of clusters) out.set(c.name, c.faults.filter(keep).map(moved));
  if (meshSide)
    out.get(meshSide.name)?.push(
      ...meshRule(
        step,
        meshSide,
        meshSide.mesh.filter((p) => names.has(p)),
      ),
    );
  others.forEach((c, i) => {
    const rule = rules[i];
    if (rule) out.get(c.name)?.push(...rule(step, c, []));
  });
  return out;
}
