/**
 * The simulated fleet of the sweep benchmarks: `clusters` × 5 nodes, latencies per cluster API 10-40 ms, exec
 * 100-400 ms, probe Job start 2-4 s; the slowest cluster (fleet-000: 40 ms / 400 ms / 4 s) is the first.
 */
export const NODES = 5;
export const SLOWEST = 'fleet-000';

export function sweepScenarioYaml(clusters: number): string {
  const lines = ['version: 1', 'seed: 11', `defaults: { nodes: ${NODES} }`, 'clusters:'];
  for (let i = 0; i < clusters; i++) {
    const slow = i === 0;
    const apiMs = slow ? 40 : 10 + ((i * 7) % 30);
    const execMs = slow ? 400 : 100 + ((i * 37) % 300);
    const job = slow ? 4 : 2 + (i % 3);
    const peer = i % 2 === 0 ? i + 1 : i - 1;
    const mesh = peer < clusters ? `, mesh: [fleet-${String(peer).padStart(3, '0')}]` : '';
    const version = ['1.15.11', '1.16.5', '1.17.2', '1.18.1'][Math.floor(i / 2) % 4];
    lines.push(
      `  - { name: fleet-${String(i).padStart(3, '0')}, clusterId: ${(i % 255) + 1}, ciliumVersion: "${version}"${mesh}, latency: { apiMs: ${apiMs}, execMs: ${execMs}, jobStartSeconds: ${job} } }`,
    );
  }
  return lines.join('\n');
}
