/**
 * The simulated fleets of the sweep benchmarks: `clusters` × 5 nodes; the slowest cluster (fleet-000, at the top of
 * every range) is the first.
 */
export const NODES = 5;
export const SLOWEST = 'fleet-000';

/** Per-cluster latency ranges of a benchmark fleet: API call, agent command, probe Job start. */
export interface FleetLatencies {
  apiMs: [number, number];
  execMs: [number, number];
  jobStartSeconds: [number, number];
}

/** The main sweep benchmark's fleet: API 10-40 ms, agent commands 100-400 ms, probe Job start 2-4 s. */
export const BENCH_LATENCIES: FleetLatencies = {
  apiMs: [10, 40],
  execMs: [100, 400],
  jobStartSeconds: [2, 4],
};

/** A fleet of slow agents (1-2 s per command, a loaded node or a large cluster's cilium-health), short probe Jobs. */
export const SLOW_AGENT_LATENCIES: FleetLatencies = {
  apiMs: [10, 40],
  execMs: [1000, 2000],
  jobStartSeconds: [1, 2],
};

/** Spreads cluster `i` over [lo, hi) by `step` (deterministic); fleet-000 gets `hi`. */
function spread([lo, hi]: [number, number], i: number, step: number): number {
  return i === 0 ? hi : lo + ((i * step) % Math.max(1, hi - lo));
}

export function sweepScenarioYaml(clusters: number, latencies: FleetLatencies = BENCH_LATENCIES): string {
  const lines = ['version: 1', 'seed: 11', `defaults: { nodes: ${NODES} }`, 'clusters:'];
  const [jobLo, jobHi] = latencies.jobStartSeconds;
  for (let i = 0; i < clusters; i++) {
    const apiMs = spread(latencies.apiMs, i, 7);
    const execMs = spread(latencies.execMs, i, 37);
    const job = i === 0 ? jobHi : jobLo + (i % (jobHi - jobLo + 1));
    const peer = i % 2 === 0 ? i + 1 : i - 1;
    const mesh = peer < clusters ? `, mesh: [fleet-${String(peer).padStart(3, '0')}]` : '';
    const version = ['1.15.11', '1.16.5', '1.17.2', '1.18.1'][Math.floor(i / 2) % 4];
    lines.push(
      `  - { name: fleet-${String(i).padStart(3, '0')}, clusterId: ${(i % 255) + 1}, ciliumVersion: "${version}"${mesh}, latency: { apiMs: ${apiMs}, execMs: ${execMs}, jobStartSeconds: ${job} } }`,
    );
  }
  return lines.join('\n');
}
