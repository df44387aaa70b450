/**
 * Sweep benchmark: 200 clusters × 5 nodes with realistic simulated latencies (API 10-40 ms, exec 100-400 ms,
 * probe Job start 2-4 s). The simulator runs in this process; each sweep runs in a child process so its peak
 * RSS is the sweeper's own. Compares the fleet's wall time with the slowest cluster swept alone (goal ≤ 1.3×),
 * and reports exec sessions / requests per cluster from the simulator's counters, the floors beside it
 * (bench/sweep-floors.ts), and the same sweeps under V8's own heap growth, on Node 24, and with fewer sampled agents
 * (a product what-if, shown without goals).
 * Usage: bench/sweep-fleet.ts [clusters=200 | --scenario FILE]. Writes bench/results/sweep.md (with a scenario
 * file: bench/results/scenarios/sweep-<file>.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_VERSIONS, nodeRuntime } from '../scripts/node-versions/runtimes.ts';
import { type Simulator, startSimulator } from '../sim/index.ts';
import { benchFleet } from './bench-fleet.ts';
import { bundleSweepChild, type ChildResult, runChild } from './sweep-child-run.ts';
import { cpuBudgetRows, replayPair, replayRows, withSimCpu } from './sweep-floors.ts';
import { floorPerCluster, measureTlsFloor, type TlsFloor } from './tls-floor.ts';
import { bundleReplayChild } from './transport-replay.ts';

const list = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

function verdicts(r: ChildResult): string {
  const errors = Object.keys(r.errors).length > 0 ? ` (cluster errors: ${list(r.errors)})` : '';
  const checks = Object.entries(r.notPassed)
    .map(([check, { count, message }]) => `${check} ×${count}: ${message.replaceAll('|', '/').slice(0, 160)}`)
    .join('; ');
  return `${list(r.statuses)}${errors}${checks ? ` (${checks})` : ''}`;
}

function loadPerCluster(sim: Simulator) {
  const rows = sim.clusters.map((c) => sim.stats(c.name));
  const pick = (f: (s: (typeof rows)[number]) => number) => {
    const v = rows.map(f).sort((a, b) => a - b);
    return { max: v.at(-1) ?? 0, mean: v.reduce((a, b) => a + b, 0) / Math.max(1, v.length) };
  };
  return {
    exec: pick((s) => s.execSessions),
    requests: pick((s) => s.requests),
    connections: pick((s) => s.connections),
    resumed: pick((s) => s.resumedConnections),
    liveJobs: rows.reduce((a, s) => a + s.liveJobs, 0),
  };
}

const mark = (ok: boolean) => (ok ? '✅' : '❌');

/** Node 20's young generation for newer Node lines, as docs/sweep-at-scale.md suggests where memory is tight. */
const SMALL_YOUNG_GENERATION = '--max-semi-space-size=16';

/** What Node's own TLS and HTTP alone cost per cluster for the fleet sweep's traffic (bench/tls-floor.ts). */
function tlsFloorRows(f: TlsFloor, load: ReturnType<typeof loadPerCluster>): string[] {
  const conns = load.connections.mean;
  const requests = load.requests.mean;
  return [
    `| Node's own TLS and HTTP (no fleetcheck code; bench/tls-floor.ts): client CPU per request on a new resumed TLS connection / on a kept-alive one | ${f.connectionMs.toFixed(2)} ms / ${f.keptAliveMs.toFixed(2)} ms | — |`,
    `| the fleet sweep's ${conns.toFixed(1)} TLS connections and ${requests.toFixed(1)} requests per cluster at those prices (a floor for the CPU per cluster) | ${floorPerCluster(f, conns, requests).toFixed(1)} ms | — |`,
  ];
}

/**
 * The ratio, CPU and memory rows of one runtime's solo and fleet sweeps; `judged: false` for a what-if (a setting
 * the fleet does not have by default), whose rows show no goal.
 */
function figureRows(solo: ChildResult, full: ChildResult, clusters: number, judged = true): string[] {
  const ratio = full.wallMs / solo.wallMs;
  const cpu = full.cpuMs / clusters;
  const goal = (text: string, met: boolean) => (judged ? `${text} ${mark(met)}` : '—');
  return [
    `| slowest cluster alone / fleet sweep, concurrency ${clusters} (wall) | ${(solo.wallMs / 1000).toFixed(2)} s / ${(full.wallMs / 1000).toFixed(2)} s | — |`,
    `| ratio fleet / slowest alone | ${ratio.toFixed(2)}× | ${goal('≤ 1.3×', ratio <= 1.3)} |`,
    `| CPU time of the sweeping process per cluster | ${cpu.toFixed(0)} ms | ${goal('≤ 25 ms', cpu <= 25)} |`,
    `| peak RSS of the sweeping process | ${full.maxRssMb.toFixed(0)} MB | ${goal('≤ 250 MB', full.maxRssMb <= 250)} |`,
  ];
}

/** Agents sampled per cluster in the what-if sweep (a fleet file's `sampleAgents`; the default is 5). */
const FEWER_AGENTS = 2;

/** Each candidate swept alone (after one unmeasured run each): the slowest of them. */
async function slowestAlone(kubeconfig: string, candidates: string[]) {
  let slowest: { name: string; result: ChildResult } | undefined;
  for (const name of candidates) {
    await runChild(kubeconfig, 1, name);
    const result = await runChild(kubeconfig, 1, name);
    if (!slowest || result.wallMs > slowest.result.wallMs) slowest = { name, result };
  }
  if (!slowest) throw new Error('the fleet has no cluster');
  return slowest;
}

async function main(): Promise<void> {
  const fleet = await benchFleet(process.argv.slice(2), 200);
  const { clusters } = fleet;
  await Promise.all([bundleSweepChild(), bundleReplayChild()]);
  const load0 = os.loadavg()[0]?.toFixed(1);
  const t0 = Date.now();
  const sim = await startSimulator(fleet.scenario);
  const startMs = Date.now() - t0;
  const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-bench-'));
  try {
    const kubeconfig = join(dir, 'kubeconfig.yaml');
    await sim.writeKubeconfig(kubeconfig);
    // One unmeasured fleet sweep first: the simulator's own JIT warm-up must count against neither side.
    await runChild(kubeconfig, clusters);
    const { name: slowest, result: solo } = await slowestAlone(kubeconfig, fleet.slowestCandidates);
    sim.resetStats();
    const full = await withSimCpu(runChild(kubeconfig, clusters));
    const load = loadPerCluster(sim);
    const uncapped = await runChild(kubeconfig, clusters, undefined, process.execPath, {
      ...process.env,
      FLEETCHECK_BENCH_HEAP_CAP: '0',
    });
    const dflt = await runChild(kubeconfig, 32);
    const fewer = { ...process.env, FLEETCHECK_BENCH_SAMPLE_AGENTS: String(FEWER_AGENTS) };
    await runChild(kubeconfig, 1, slowest, process.execPath, fewer);
    const fewerSolo = await runChild(kubeconfig, 1, slowest, process.execPath, fewer);
    const fewerFull = await runChild(kubeconfig, clusters, undefined, process.execPath, fewer);
    const lts = nodeRuntime(NODE_VERSIONS[NODE_VERSIONS.length - 1] as string);
    await runChild(kubeconfig, 1, slowest, lts.bin);
    const ltsSolo = await runChild(kubeconfig, 1, slowest, lts.bin);
    const ltsFull = await withSimCpu(runChild(kubeconfig, clusters, undefined, lts.bin));
    const smallYoung = { ...process.env, NODE_OPTIONS: SMALL_YOUNG_GENERATION };
    const ltsSmallFull = await withSimCpu(runChild(kubeconfig, clusters, undefined, lts.bin, smallYoung));
    const replay = await replayPair(kubeconfig, clusters, slowest, process.execPath);
    const ltsReplay = await replayPair(kubeconfig, clusters, slowest, lts.bin);
    const [floor, ltsFloor] = (await measureTlsFloor(dir, [process.execPath, lts.bin])) as [
      TlsFloor,
      TlsFloor,
    ];
    const ratio = full.wallMs / solo.wallMs;
    const md = [
      '## Sweep (`bench/sweep-fleet.ts`)',
      '',
      `${fleet.description}; ${fleet.slowestNote} also swept alone; on the in-process simulator over HTTPS (started in ${(startMs / 1000).toFixed(1)} s), ` +
        'after one unmeasured fleet sweep that warms the simulator up. Each sweep runs in its own child process, from an ' +
        'esbuild bundle of `bench/sweep-child-main.ts` (plain `node`, no TypeScript loader: the code as shipped, ' +
        'as `fleetcheck sweep` runs it).',
      '',
      '| measure | value | goal |',
      '|---|---|---|',
      `| slowest cluster alone (${slowest}, wall) | ${(solo.wallMs / 1000).toFixed(2)} s | — |`,
      `| fleet sweep, concurrency ${clusters} (wall) | ${(full.wallMs / 1000).toFixed(2)} s (slowest cluster inside it: ${(full.maxClusterMs / 1000).toFixed(2)} s) | — |`,
      `| ratio fleet / slowest alone | ${ratio.toFixed(2)}× | ≤ 1.3× ${ratio <= 1.3 ? '✅' : '❌'} |`,
      `| CPU time of the sweeping process per cluster (concurrency ${clusters}) | ${(full.cpuMs / clusters).toFixed(0)} ms (total ${(full.cpuMs / 1000).toFixed(1)} s for ${(full.wallMs / 1000).toFixed(1)} s wall) | ≤ 25 ms ${full.cpuMs / clusters <= 25 ? '✅' : '❌'} |`,
      ...cpuBudgetRows(solo, full, clusters),
      ...tlsFloorRows(floor, load),
      ...replayRows(replay, full, clusters),
      `| fleet sweep, default concurrency 32 (wall) | ${(dflt.wallMs / 1000).toFixed(2)} s | — |`,
      `| peak RSS of the sweeping process (concurrency ${clusters}) | ${full.maxRssMb.toFixed(0)} MB | ≤ 250 MB ${full.maxRssMb <= 250 ? '✅' : '❌'} |`,
      `| peak RSS of the sweeping process, slowest cluster alone (the process's floor) | ${solo.maxRssMb.toFixed(0)} MB | — |`,
      `| peak RSS of the sweeping process (concurrency 32) | ${dflt.maxRssMb.toFixed(0)} MB | ≤ 250 MB ${dflt.maxRssMb <= 250 ? '✅' : '❌'} |`,
      `| exec sessions per cluster, max / mean | ${load.exec.max} / ${load.exec.mean.toFixed(1)} (5 sampled agents × 2 commands = 10) | ≤ 10 ${load.exec.max <= 10 ? '✅' : '❌'} |`,
      `| API requests per cluster, max / mean | ${load.requests.max} / ${load.requests.mean.toFixed(1)} | — |`,
      `| TLS connections per cluster, max / mean (mean resumed) | ${load.connections.max} / ${load.connections.mean.toFixed(1)} (${load.resumed.mean.toFixed(1)}) | — |`,
      `| probe Jobs left behind | ${load.liveJobs} | 0 ${load.liveJobs === 0 ? '✅' : '❌'} |`,
      `| cluster verdicts (concurrency ${clusters}) | ${verdicts(full)} | ${fleet.verdictGoal} |`,
      `| cluster verdicts (concurrency 32) | ${verdicts(dflt)} | ${fleet.verdictGoal} |`,
      '',
      "The sweeps above take `fleetcheck sweep`'s cap on V8's old-space growth (1.5× the live heap between full " +
        "collections, `cli/heap-growth.ts`). The same fleet sweep with V8's own growth factor instead, right after:",
      '',
      "| measure (V8's default heap growth) | value | goal |",
      '|---|---|---|',
      ...figureRows(solo, uncapped, clusters),
      `| cluster verdicts (concurrency ${clusters}) | ${verdicts(uncapped)} | ${fleet.verdictGoal} |`,
      '',
      `What sampling fewer agents would buy (a product decision, not the default): the same sweeps with a fleet file's \`sampleAgents: ${FEWER_AGENTS}\` ` +
        `(${FEWER_AGENTS * 2} exec sessions per cluster instead of 10: both agent commands on ${FEWER_AGENTS} agents), right after:`,
      '',
      `| measure (sampleAgents ${FEWER_AGENTS}) | value | goal |`,
      '|---|---|---|',
      ...figureRows(fewerSolo, fewerFull, clusters, false),
      `| cluster verdicts (concurrency ${clusters}) | ${verdicts(fewerFull)} | ${fleet.verdictGoal} |`,
      '',
      `The same sweeps on Node ${lts.version} (the newest LTS line fleetcheck runs on; npm's \`node\` package), same simulator, right after:`,
      '',
      '| measure (Node ' + lts.version + ') | value | goal |',
      '|---|---|---|',
      ...figureRows(ltsSolo, ltsFull, clusters),
      ...cpuBudgetRows(ltsSolo, ltsFull, clusters),
      ...tlsFloorRows(ltsFloor, load),
      ...replayRows(ltsReplay, ltsFull, clusters),
      `| cluster verdicts (concurrency ${clusters}) | ${verdicts(ltsFull)} | ${fleet.verdictGoal} |`,
      '',
      `And on Node ${lts.version} with \`NODE_OPTIONS=${SMALL_YOUNG_GENERATION}\` (Node 20's young generation; docs/sweep-at-scale.md):`,
      '',
      '| measure (Node ' + lts.version + ', ' + SMALL_YOUNG_GENERATION + ') | value | goal |',
      '|---|---|---|',
      ...figureRows(ltsSolo, ltsSmallFull, clusters),
      `| cluster verdicts (concurrency ${clusters}) | ${verdicts(ltsSmallFull)} | ${fleet.verdictGoal} |`,
      '',
      `Machine: ${os.cpus().length} CPUs, load average ${load0} at start and ${os.loadavg()[0]?.toFixed(1)} at the end ` +
        `(the simulator, ${clusters} fake API servers, shares the CPUs with the sweeper; a loaded machine inflates every number).`,
      '',
    ].join('\n');
    process.stdout.write(md);
    fleet.writeResult('sweep', md);
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
