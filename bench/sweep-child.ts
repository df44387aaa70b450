import { runClusterChecks } from '../core/checks/run.ts';
import { loadFleet } from '../core/fleet/index.ts';
import { runSweep } from '../core/sweep/run-sweep.ts';

/** Agents sampled per cluster when the benchmark asks for another number than the default (a fleet file's `sampleAgents`). */
function sampledAgents(): number | undefined {
  const n = Number(process.env['FLEETCHECK_BENCH_SAMPLE_AGENTS']);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The sweeping side of bench/sweep-fleet.ts: one sweep of the kubeconfig's clusters, measured. */
export async function sweepChild(kubeconfig: string, concurrency: number, only?: string) {
  const all = await loadFleet({ kubeconfig });
  const sampleAgents = sampledAgents();
  const targets = (only ? all.filter((t) => t.name === only) : all).map((t) =>
    sampleAgents ? { ...t, overrides: { ...t.overrides, sampleAgents } } : t,
  );
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const report = await runSweep({
    targets,
    runChecks: runClusterChecks,
    clusterConcurrency: concurrency,
    clusterDeadlineMs: 120_000,
  });
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const statuses: Record<string, number> = {};
  const errors: Record<string, number> = {};
  /** Each check that did not pass, with its first message: a benchmark that fails says why. */
  const notPassed: Record<string, { count: number; message: string }> = {};
  for (const c of report.clusters) {
    statuses[c.status] = (statuses[c.status] ?? 0) + 1;
    if (c.error) errors[c.error.code] = (errors[c.error.code] ?? 0) + 1;
    for (const r of c.results) {
      if (r.status === 'pass' || r.status === 'skip') continue;
      const key = `${r.check} ${r.status}`;
      notPassed[key] = {
        count: (notPassed[key]?.count ?? 0) + 1,
        message: notPassed[key]?.message ?? r.message,
      };
    }
  }
  return {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    maxClusterMs: Math.max(...report.clusters.map((c) => c.durationMs)),
    statuses,
    errors,
    notPassed,
    clusters: report.clusters.length,
  };
}
