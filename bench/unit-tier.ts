/**
 * Unit tier wall time (issue 12): `npx vitest run --project unit` once, timed from spawn to exit, with the load
 * average (1 min) before and after — on a shared machine the load moves the figure more than anything else.
 * Writes bench/results/unit-tier.md next to the figure measured before issue 12 (kept as measured then).
 * Usage: node bin/run-ts.mjs bench/unit-tier.ts [test files…] (with files: only prints, writes nothing)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const BEFORE = {
  commit: '2ab5473',
  seconds: 171.3,
  load: '11.6 → 9.7',
  why: 'the probe Job poll slept a real 500 ms in every check test, the handler-import test ran in the unit tier',
};
const files = process.argv.slice(2);
const load = () => loadavg()[0]?.toFixed(1) ?? '?';

const loadBefore = load();
const t0 = process.hrtime.bigint();
const run = spawnSync('npx', ['vitest', 'run', '--project', 'unit', ...files], { stdio: 'inherit' });
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const loadAfter = load();
if (run.status !== 0) throw new Error(`the unit tier failed (exit ${run.status})`);
const row = `${seconds.toFixed(1)} s, load ${loadBefore} → ${loadAfter}`;
if (files.length > 0) {
  console.log(`unit tier (${files.length} files): ${row}`);
  process.exit(0);
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/unit-tier.md',
  `## Unit tier (\`bench/unit-tier.ts\`)

Command: \`npx vitest run --project unit\` (wall time, spawn to exit; load average, 1 min, before → after, 2 CPUs).

| measure | before (${BEFORE.commit}) | after | goal |
|---|---|---|---|
| unit tier wall time | ${BEFORE.seconds} s, load ${BEFORE.load} | ${row} | < 60 s ${seconds < 60 ? '✅' : '❌'} |

Before: ${BEFORE.why}. Since 2026-11-28 the unit files share their worker thread's module cache
(\`vitest.config.ts\`: threads, not isolated; env and global stubs undone after each test): about 55 s → 23 s.
`,
);
console.error('bench: wrote bench/results/unit-tier.md');
