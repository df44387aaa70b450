/**
 * One cluster's critical path (issue 13): `fleetcheck check` (the shipped CLI, in its own process) against one
 * simulated cluster (5 nodes, API 20 ms, exec 150 ms, probe Job start 3 s; the simulator in this process),
 * RUNS times; the median cluster run (its `durationMs`, start-up excluded) next to the critical path = the probe
 * Job's start + one exec round. Writes bench/results/check-path.md.
 * Usage: node bin/run-ts.mjs bench/check-path.ts [runs]
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterReport } from '../core/sweep/report.ts';
import { parseScenario, startSimulator } from '../sim/index.ts';

const RUNS = Number(process.argv[2] ?? 7);
const API_MS = 20;
const EXEC_MS = 150;
const JOB_S = 3;
const CRITICAL_MS = JOB_S * 1000 + EXEC_MS;
const GOAL = 1.15;

function check(kubeconfig: string): Promise<ClusterReport> {
  const args = [
    'bin/fleetcheck.mjs',
    'check',
    'one',
    '--kubeconfig',
    kubeconfig,
    '--no-store',
    '--output',
    'json',
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && !stdout) return reject(new Error(`check failed: ${err.message}\n${stderr}`));
      const cluster = (JSON.parse(stdout) as { clusters: ClusterReport[] }).clusters[0];
      if (!cluster) return reject(new Error('no cluster in the report'));
      resolve(cluster);
    });
  });
}

const sim = await startSimulator(
  parseScenario(
    [
      'version: 1',
      'seed: 5',
      'clusters:',
      `  - { name: one, nodes: 5, latency: { apiMs: ${API_MS}, execMs: ${EXEC_MS}, jobStartSeconds: ${JOB_S} } }`,
    ].join('\n'),
  ),
);
const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-check-path-'));
const load0 = loadavg()[0] ?? 0;
const runs: ClusterReport[] = [];
try {
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  await sim.writeKubeconfig(kubeconfig);
  for (let i = 0; i < RUNS; i++) runs.push(await check(kubeconfig));
} finally {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
}

const sorted = [...runs].sort((a, b) => a.durationMs - b.durationMs);
const median = sorted[Math.floor(sorted.length / 2)]!;
const ratio = median.durationMs / CRITICAL_MS;
const spans = median.timings?.spans ?? [];
const ms = (n: number) => `${Math.round(n)} ms`;
const row = (kind: string) =>
  spans
    .filter((s) => s.kind === kind)
    .map((s) => `| ${kind}: ${s.name} | ${ms(s.startMs)} | ${ms(s.durationMs)} |`);
const statuses = [...new Set(runs.map((r) => r.status))].join(', ');
const md = `## One cluster's critical path (\`bench/check-path.ts\`)

\`fleetcheck check\` (the shipped CLI, own process) on one simulated cluster, 5 nodes, API ${API_MS} ms, exec ${EXEC_MS} ms, probe Job start ${JOB_S} s (simulator in the bench process), ${RUNS} runs; the cluster's own run time (\`durationMs\`, process start-up excluded). Critical path = probe Job start + one exec round = ${ms(CRITICAL_MS)}. Load average (1 min) ${load0.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end. Verdicts: ${statuses}.

| measure | value | goal |
|---|---|---|
| \`check\`, median cluster run | ${ms(median.durationMs)} (min ${ms(sorted[0]!.durationMs)}, max ${ms(sorted.at(-1)!.durationMs)}) | — |
| ratio to the critical path | ${ratio.toFixed(2)}× | ≤ ${GOAL}× ${ratio <= GOAL ? '✅' : '❌'} |

The median run's spans (see docs/timings.md):

| span | start | took |
|---|---|---|
${[...row('connect'), ...row('job'), ...row('exec')].join('\n')}
`;
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/check-path.md', md);
process.stdout.write(md);
