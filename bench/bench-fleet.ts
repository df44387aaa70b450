import { mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadScenario, parseScenario, resolveClusters } from '../sim/scenario/load.ts';
import type { ResolvedCluster, Scenario } from '../sim/scenario/schema.ts';
import { NODES, SLOWEST, sweepScenarioYaml } from './sweep-scenario.ts';

/** Results on scenario files: ad hoc, so outside BENCHMARKS.md and git. */
export const SCENARIO_RESULTS = 'bench/results/scenarios';

/** A scenario fleet this small has every cluster swept alone to find the slowest one. */
const SWEEP_ALL_ALONE_UP_TO = 20;
/** Of a larger one: its longest clusters by latency, and as many with faults that make a run wait. */
const SLOWEST_CANDIDATES = 3;
const SLOWING_FAULTS = new Set(['agent-hang', 'api-latency', 'service-timeout', 'health-latency']);

/** The fleet a sweep benchmark runs against: the built-in one, or a scenario file (`--scenario FILE`). */
export interface BenchFleet {
  scenario: Scenario;
  clusters: number;
  /** The clusters to sweep alone; the slowest of them is "the slowest cluster alone". */
  slowestCandidates: string[];
  /** The fleet in a few words, for the results. */
  description: string;
  /** Which cluster is swept alone, in a few words. */
  slowestNote: string;
  /** The verdicts expected: all pass on the built-in fleet; a scenario file's faults give their own. */
  verdictGoal: string;
  /** Writes a benchmark's results: bench/results/<name>.md, or bench/results/scenarios/<name>-<file>.md. */
  writeResult(name: string, markdown: string): void;
}

function writeResult(dir: string, name: string, markdown: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/${name}.md`, markdown);
}

/** A cluster run's expected length from its scenario latencies: the probe Job's start, two exec rounds, API reads. */
function expectedMs(c: ResolvedCluster): number {
  return c.latency.jobStartSeconds * 1000 + 2 * c.latency.execMs + 10 * c.latency.apiMs;
}

function slowestCandidates(clusters: ResolvedCluster[]): string[] {
  if (clusters.length <= SWEEP_ALL_ALONE_UP_TO) return clusters.map((c) => c.name);
  const longest = [...clusters].sort((a, b) => expectedMs(b) - expectedMs(a)).slice(0, SLOWEST_CANDIDATES);
  const waiting = clusters
    .filter((c) => c.faults.some((f) => SLOWING_FAULTS.has(f.type)))
    .slice(0, SLOWEST_CANDIDATES);
  return [...new Set([...longest, ...waiting].map((c) => c.name))];
}

function range(values: number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? String(lo) : `${lo}-${hi}`;
}

/** `args`: `[clusters]` for the built-in fleet of that many clusters, or `--scenario FILE`. */
export async function benchFleet(args: string[], defaultClusters: number): Promise<BenchFleet> {
  const at = args.indexOf('--scenario');
  if (at < 0) {
    const clusters = Number(args[0] ?? defaultClusters);
    if (!Number.isInteger(clusters) || clusters < 1)
      throw new Error(`expected a cluster count, got "${args[0]}"`);
    return {
      scenario: parseScenario(sweepScenarioYaml(clusters)),
      clusters,
      slowestCandidates: [SLOWEST],
      description: `${clusters} clusters × ${NODES} nodes; latencies per cluster: API 10-40 ms, exec 100-400 ms, probe Job start 2-4 s`,
      slowestNote: `the slowest cluster (${SLOWEST}: 40 ms / 400 ms / 4 s)`,
      verdictGoal: 'all pass',
      writeResult: (name, markdown) => writeResult('bench/results', name, markdown),
    };
  }
  const file = args[at + 1];
  if (!file) throw new Error('--scenario needs a scenario file');
  const scenario = await loadScenario(file);
  const resolved = resolveClusters(scenario);
  const candidates = slowestCandidates(resolved);
  const latency = (pick: (c: ResolvedCluster) => number) => range(resolved.map(pick));
  return {
    scenario,
    clusters: resolved.length,
    slowestCandidates: candidates,
    verdictGoal: "as the scenario's faults make them",
    description:
      `scenario \`${file}\`: ${resolved.length} clusters × ${range(resolved.map((c) => c.nodeNames.length))} nodes; ` +
      `latencies per cluster: API ${latency((c) => c.latency.apiMs)} ms, exec ${latency((c) => c.latency.execMs)} ms, ` +
      `probe Job start ${latency((c) => c.latency.jobStartSeconds)} s`,
    slowestNote:
      candidates.length === resolved.length
        ? 'the slowest cluster (each swept alone)'
        : `the slowest cluster (the slowest alone of ${candidates.join(', ')}: the longest by their latencies, and those with faults that make a run wait)`,
    writeResult: (name, markdown) =>
      writeResult(SCENARIO_RESULTS, `${name}-${basename(file).replace(/\.ya?ml$/, '')}`, markdown),
  };
}
