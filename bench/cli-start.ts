/**
 * CLI start benchmark (issue 13): wall time of `fleetcheck --help` / `--version` (the shipped bundle through
 * bin/fleetcheck.mjs) next to a bare `node -e 0`, hyperfine-style: warm-up runs, then ROUNDS rounds that run
 * each command once in turn (so machine load hits them alike), medians compared. Also the pre-bundle start
 * (the TypeScript sources through tsx) for reference. Writes bench/results/cli-start.md.
 * Usage: node bin/run-ts.mjs bench/cli-start.ts [rounds]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const ROUNDS = Number(process.argv[2] ?? 30);
const WARMUP = 3;
const GOAL = 3;

interface Subject {
  label: string;
  argv: string[];
  rounds?: number;
}

const subjects: Subject[] = [
  { label: '`node -e 0`', argv: ['-e', '0'] },
  { label: '`fleetcheck --help`', argv: ['bin/fleetcheck.mjs', '--help'] },
  { label: '`fleetcheck --version`', argv: ['bin/fleetcheck.mjs', '--version'] },
  { label: '`fleetcheck sweep --help`', argv: ['bin/fleetcheck.mjs', 'sweep', '--help'] },
  {
    label: 'sources through tsx, `--help` (before the bundle)',
    argv: ['bin/run-ts.mjs', 'cli/main.ts', '--help'],
    rounds: 5,
  },
];

function once(argv: string[]): number {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (run.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

if (!existsSync('dist/fleetcheck.mjs'))
  throw new Error('dist/fleetcheck.mjs is missing: run `npm run build`');
const load0 = loadavg()[0]!;
for (const s of subjects) for (let i = 0; i < WARMUP; i++) once(s.argv);
const times = new Map<Subject, number[]>(subjects.map((s) => [s, []]));
for (let r = 0; r < ROUNDS; r++)
  for (const s of subjects) if (r < (s.rounds ?? ROUNDS)) times.get(s)!.push(once(s.argv));

const base = median(times.get(subjects[0]!)!);
const rows = subjects.map((s, i) => {
  const m = median(times.get(s)!);
  const ratio = m / base;
  const goal = i === 1 || i === 2 ? `≤ ${GOAL}× ${ratio <= GOAL ? '✅' : '❌'}` : '—';
  return `| ${s.label} | ${m.toFixed(0)} ms | ${i === 0 ? '1×' : `${ratio.toFixed(2)}×`} | ${goal} |`;
});
const md = `## CLI start (\`bench/cli-start.ts\`)

Wall time from spawn to exit, median of ${ROUNDS} interleaved rounds after ${WARMUP} warm-up runs each (the tsx row: ${subjects[4]!.rounds} rounds), Node ${process.version}, \`bin/fleetcheck.mjs\` running the esbuild bundle in \`dist/\`. Load average (1 min) ${load0.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end.

| command | median | vs \`node -e 0\` | goal |
|---|---|---|---|
${rows.join('\n')}
`;
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/cli-start.md', md);
process.stdout.write(md);
