import { Gauge, Registry } from 'prom-client';
import type { ClusterDetail, FleetView } from '../../core/analysis/types.ts';
import type { History } from '../../core/history/history.ts';
import { groupVerdict, type Status, statusSchema } from '../../core/outcome.ts';
import { clusterStatusSchema } from '../../core/sweep/report.ts';

/** Cluster details read at once: few rounds through the read pool's queue, a bounded burst for a remote store. */
const DETAIL_CONCURRENCY = 32;

function gauge(registry: Registry, name: string, help: string, labelNames: string[] = []) {
  return new Gauge({ name, help, labelNames, registers: [registry] });
}

/** Per-check status of one run: the worst status over the check's subjects (skip only when all skipped). */
function checkStatuses(detail: ClusterDetail): Map<string, Status> {
  const byCheck = new Map<string, Status[]>();
  for (const r of detail.latestRun?.results ?? []) {
    const list = byCheck.get(r.check) ?? [];
    list.push(r.status);
    byCheck.set(r.check, list);
  }
  const out = new Map<string, Status>();
  for (const [check, list] of byCheck) out.set(check, groupVerdict(list));
  return out;
}

async function details(store: History, names: string[]): Promise<ClusterDetail[]> {
  const out: ClusterDetail[] = [];
  for (let i = 0; i < names.length; i += DETAIL_CONCURRENCY) {
    const batch = await Promise.all(names.slice(i, i + DETAIL_CONCURRENCY).map((n) => store.cluster(n)));
    for (const d of batch) if (d) out.push(d);
  }
  return out;
}

/**
 * Builds a fresh Prometheus registry from the fleet view (its stale flags decided at scrape time) and the
 * store's latest runs, mesh pairs and sweeps.
 * @example const text = await (await collectMetrics(store, await store.fleet({ now: new Date() }))).metrics();
 */
export async function collectMetrics(store: History, fleet: FleetView): Promise<Registry> {
  const registry = new Registry();
  const clusterStatus = gauge(
    registry,
    'fleetcheck_cluster_status',
    'Latest verdict of a cluster (one-hot by status)',
    ['cluster', 'status'],
  );
  const stale = gauge(
    registry,
    'fleetcheck_cluster_stale',
    'Cluster not checked within 2 x the sweep interval',
    ['cluster'],
  );
  const lastChecked = gauge(
    registry,
    'fleetcheck_cluster_last_checked_timestamp_seconds',
    'When a cluster was last checked',
    ['cluster'],
  );
  const staleTotal = gauge(registry, 'fleetcheck_stale_clusters', 'Number of stale clusters');
  const checkStatus = gauge(
    registry,
    'fleetcheck_check_status',
    'Latest status of a check on a cluster (one-hot by status)',
    ['cluster', 'check', 'status'],
  );
  const rtt = gauge(
    registry,
    'fleetcheck_health_rtt_p95_seconds',
    'p95 node-to-node health RTT of the latest run',
    ['cluster'],
  );
  const meshReady = gauge(
    registry,
    'fleetcheck_mesh_pair_ready',
    'Both sides of a ClusterMesh pair see each other (1) or not (0)',
    ['a', 'b'],
  );
  const sweepDuration = gauge(
    registry,
    'fleetcheck_last_sweep_duration_seconds',
    'Wall time of the latest finished sweep',
  );
  const sweepEnd = gauge(
    registry,
    'fleetcheck_last_sweep_finished_timestamp_seconds',
    'When the latest finished sweep ended',
  );

  for (const c of fleet.clusters) {
    for (const s of clusterStatusSchema.options)
      clusterStatus.set({ cluster: c.name, status: s }, c.status === s ? 1 : 0);
    stale.set({ cluster: c.name }, c.stale ? 1 : 0);
    lastChecked.set({ cluster: c.name }, Date.parse(c.lastCheckedAt) / 1000);
  }
  staleTotal.set(fleet.counts.stale);

  const [clusterDetails, pairs, recent] = await Promise.all([
    details(
      store,
      fleet.clusters.map((c) => c.name),
    ),
    store.meshPairs(),
    store.sweeps({ limit: 5 }),
  ]);
  for (const d of clusterDetails) {
    for (const [check, status] of checkStatuses(d)) {
      for (const s of statusSchema.options)
        checkStatus.set({ cluster: d.name, check, status: s }, status === s ? 1 : 0);
    }
    const p95 = d.latestRun?.healthRttP95Ms;
    if (p95 !== undefined) rtt.set({ cluster: d.name }, p95 / 1000);
  }

  for (const p of pairs) meshReady.set({ a: p.a, b: p.b }, p.aSeesB && p.bSeesA ? 1 : 0);

  const latest = recent.items.find((s) => s.finishedAt);
  if (latest?.finishedAt) {
    const end = Date.parse(latest.finishedAt);
    sweepDuration.set((end - Date.parse(latest.startedAt)) / 1000);
    sweepEnd.set(end / 1000);
  }
  return registry;
}
