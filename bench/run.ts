/**
 * `npm run bench`: builds the CLI bundle (benchmarks spawn bin/fleetcheck.mjs), runs every benchmark in its own
 * process (so RSS numbers are not polluted by the others),
 * then writes BENCHMARKS.md from their results with the machine and the command.
 * `npm run bench -- sweep` runs only the benchmarks whose name contains "sweep";
 * `npm run bench -- sweep --scenario FILE` runs the fleet benchmarks (sweep, sweep-vs-kubectl) on a scenario file's
 * fleet instead of the built-in one: results go to bench/results/scenarios/<name>-<file>.md, BENCHMARKS.md stays as it is;
 * `npm run bench -- --collect` only rewrites BENCHMARKS.md from the existing results.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { buildCli } from '../scripts/build-cli.ts';
import { SCENARIO_RESULTS } from './bench-fleet.ts';

interface Bench {
  name: string;
  file: string;
  args: string[];
  result: string;
  /** Takes `--scenario FILE` (bench/bench-fleet.ts). */
  fleet?: boolean;
}

const benches: Bench[] = [
  { name: 'simulator', file: 'bench/sim-startup.ts', args: [], result: 'bench/results/sim.md' },
  { name: 'sweep', file: 'bench/sweep-fleet.ts', args: [], result: 'bench/results/sweep.md', fleet: true },
  {
    name: 'sweep-vs-kubectl',
    file: 'bench/sweep-vs-kubectl.ts',
    args: [],
    result: 'bench/results/sweep-vs-kubectl.md',
    fleet: true,
  },
  {
    name: 'sweep-slow-agents',
    file: 'bench/sweep-slow-agents.ts',
    args: [],
    result: 'bench/results/sweep-slow-agents.md',
  },
  { name: 'big-cluster', file: 'bench/big-cluster.ts', args: [], result: 'bench/results/big-cluster.md' },
  { name: 'history', file: 'bench/history-queries.ts', args: [], result: 'bench/results/history.md' },
  { name: 'api', file: 'bench/api-latency.ts', args: [], result: 'bench/results/api.md' },
  { name: 'cli-start', file: 'bench/cli-start.ts', args: [], result: 'bench/results/cli-start.md' },
  { name: 'serve-load', file: 'bench/serve-load.ts', args: [], result: 'bench/results/serve-load.md' },
  { name: 'check-path', file: 'bench/check-path.ts', args: [], result: 'bench/results/check-path.md' },
  { name: 'unit-tier', file: 'bench/unit-tier.ts', args: [], result: 'bench/results/unit-tier.md' },
];

const args = process.argv.slice(2);
const scenarioAt = args.indexOf('--scenario');
const scenario = scenarioAt >= 0 ? args[scenarioAt + 1] : undefined;
if (scenarioAt >= 0 && (!scenario || !existsSync(scenario))) {
  console.error(`bench: --scenario needs a scenario file${scenario ? `; ${scenario} does not exist` : ''}`);
  process.exit(2);
}
const filter = args.find((a, i) => !a.startsWith('--') && !(scenarioAt >= 0 && i === scenarioAt + 1));
const collectOnly = args.includes('--collect');
mkdirSync('bench/results', { recursive: true });
if (!collectOnly) await buildCli();
for (const b of benches) {
  if (collectOnly || (filter && !b.name.includes(filter))) continue;
  if (scenario && !b.fleet) {
    console.error(`bench: ${b.name} has a fleet of its own (no --scenario), skipped`);
    continue;
  }
  if (!existsSync(b.file)) {
    console.error(`bench: ${b.file} is missing, skipped`);
    continue;
  }
  console.error(`bench: running ${b.name} (${b.file})`);
  const extra = scenario ? ['--scenario', scenario] : b.args;
  const run = spawnSync(process.execPath, ['--expose-gc', 'bin/run-ts.mjs', b.file, ...extra], {
    stdio: 'inherit',
  });
  if (run.status !== 0) console.error(`bench: ${b.name} exited with ${run.status}`);
}

if (scenario) {
  console.error(`bench: results of ${scenario} are in ${SCENARIO_RESULTS}/ (BENCHMARKS.md unchanged)`);
  process.exit(0);
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = `# Benchmarks

Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()},
Node ${process.version}. Command: \`npm run bench\` (each benchmark in its own process; results below are
from the last run on this machine, written by \`bench/run.ts\`). Goals come from the issues; a ✅/❌ says
whether the run met them. Ratios are measured side by side in one run.
`;
const sections = benches
  .filter((b) => existsSync(b.result))
  .map((b) => readFileSync(b.result, 'utf8').trim())
  .join('\n\n');
writeFileSync('BENCHMARKS.md', `${header}\n${sections}\n`);
console.error('bench: wrote BENCHMARKS.md');
