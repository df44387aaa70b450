/**
 * Sweep benchmark on a fleet of slow agents: 200 clusters × 5 nodes whose agents take 1-2 s per command (probe Job
 * start 1-2 s), so the sweep waits on exec sessions rather than on the probe Job. Compares the fleet's wall time
 * with the slowest cluster swept alone, under fleetcheck's exec bounds (`core/kube/exec-gate.ts`) and under the
 * single bound of 256 open sessions it had before (FLEETCHECK_EXEC_SESSIONS=256, FLEETCHECK_EXEC_OPENING=256).
 * Usage: bench/sweep-slow-agents.ts [clusters=200]. Writes bench/results/sweep-slow-agents.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execGate, execOpeningGate } from '../core/kube/exec-gate.ts';
import { parseScenario, startSimulator } from '../sim/index.ts';
import { bundleSweepChild, type ChildResult, runChild } from './sweep-child-run.ts';
import { cpuBudgetRows, replayPair, replayRows, withSimCpu } from './sweep-floors.ts';
import { SLOW_AGENT_LATENCIES, SLOWEST, sweepScenarioYaml } from './sweep-scenario.ts';
import { bundleReplayChild } from './transport-replay.ts';

const SINGLE_BOUND = { FLEETCHECK_EXEC_SESSIONS: '256', FLEETCHECK_EXEC_OPENING: '256' };

const range = ([lo, hi]: [number, number]) => `${lo}-${hi}`;

function rows(label: string, solo: ChildResult, full: ChildResult, goal: boolean): string[] {
  const ratio = full.wallMs / solo.wallMs;
  const verdicts = Object.entries(full.statuses)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    `| ${label}: fleet sweep (wall) | ${(full.wallMs / 1000).toFixed(2)} s (verdicts: ${verdicts}) | — |`,
    `| ${label}: ratio fleet / slowest alone | ${ratio.toFixed(2)}× | ${goal ? `≤ 1.3× ${ratio <= 1.3 ? '✅' : '❌'}` : '—'} |`,
    `| ${label}: peak RSS of the sweeping process | ${full.maxRssMb.toFixed(0)} MB | ${goal ? `≤ 250 MB ${full.maxRssMb <= 250 ? '✅' : '❌'}` : '—'} |`,
  ];
}

async function main(): Promise<void> {
  const clusters = Number(process.argv[2] ?? 200);
  await Promise.all([bundleSweepChild(), bundleReplayChild()]);
  const sim = await startSimulator(parseScenario(sweepScenarioYaml(clusters, SLOW_AGENT_LATENCIES)));
  const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-bench-slow-'));
  try {
    const kubeconfig = join(dir, 'kubeconfig.yaml');
    await sim.writeKubeconfig(kubeconfig);
    await runChild(kubeconfig, clusters);
    await runChild(kubeconfig, 1, SLOWEST);
    const solo = await runChild(kubeconfig, 1, SLOWEST);
    const bounded = await withSimCpu(runChild(kubeconfig, clusters));
    const single = await runChild(kubeconfig, clusters, undefined, process.execPath, {
      ...process.env,
      ...SINGLE_BOUND,
    });
    const replay = await replayPair(kubeconfig, clusters, SLOWEST, process.execPath);
    const l = SLOW_AGENT_LATENCIES;
    const md = [
      '## Sweep of slow agents (`bench/sweep-slow-agents.ts`)',
      '',
      `${clusters} clusters × 5 nodes whose agents take ${range(l.execMs)} ms per command; API ${range(l.apiMs)} ms, probe Job start ` +
        `${range(l.jobStartSeconds)} s: the sweep waits on its ${clusters * 10} exec sessions, not on the probe Jobs. ` +
        `The slowest cluster (${SLOWEST}: ${l.apiMs[1]} ms / ${l.execMs[1]} ms / ${l.jobStartSeconds[1]} s) also swept alone. ` +
        "fleetcheck's exec bounds (at most FLEETCHECK_EXEC_OPENING sessions opening, FLEETCHECK_EXEC_SESSIONS open) " +
        'next to the single bound of 256 open sessions it had until 2026-11-28, in the same run.',
      '',
      '| measure | value | goal |',
      '|---|---|---|',
      `| slowest cluster alone (${SLOWEST}, wall) | ${(solo.wallMs / 1000).toFixed(2)} s | — |`,
      ...rows(
        `default bounds (${execOpeningGate.concurrency} opening, ${execGate.concurrency} open)`,
        solo,
        bounded,
        true,
      ),
      ...cpuBudgetRows(solo, bounded, clusters),
      ...replayRows(replay, bounded, clusters),
      ...rows('single bound (256 open)', solo, single, false),
      '',
      `Machine: ${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(1)} at the end (the simulator shares the CPUs).`,
      '',
    ].join('\n');
    process.stdout.write(md);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/sweep-slow-agents.md', md);
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
