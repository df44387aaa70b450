/**
 * History benchmark: insert cost per cluster run (store API on both drivers, and the bulk generator), bytes per
 * check result, and p50/p95 of the regressions, trends, flapping, mesh-compare and weekly-report queries on the
 * generated DB (default 90 days × 200 clusters × 15 min). Writes bench/results/history.md.
 * Usage: npx tsx bench/history-queries.ts [--db bench/.data/history.db] [--days 90] [--clusters 200]
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isoWeekOf } from '../core/analysis/iso-week.ts';
import type { History } from '../core/history/history.ts';
import { openHistory } from '../server/open-history.ts';
import { genArgs, generate } from './gen-history.ts';
import { fixtureSweep } from './history-fixtures.ts';

const argv = process.argv.slice(2);
const opts = genArgs(argv);
const dbPath = argv.includes('--db') ? (argv[argv.indexOf('--db') + 1] as string) : opts.out;

async function timeIt(n: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(0);
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  const q = (p: number) => ts[Math.min(ts.length - 1, Math.ceil(p * ts.length) - 1)] ?? 0;
  return { p50: q(0.5), p95: q(0.95) };
}

async function storeInsertCost(url: (dir: string) => string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'fc-bench-'));
  const store = await openHistory(url(dir));
  const clusters = Array.from({ length: 50 }, (_, i) => ({
    name: `k${i}`,
    peers: [`k${i ^ 1}`],
    clusterId: i + 1,
  }));
  const sweeps = 10;
  const t = performance.now();
  for (let s = 0; s < sweeps; s++) {
    const faults = { [`k${s}`]: { 'business.dns.resolve': 'fail' as const } };
    await store.saveSweep(
      fixtureSweep(`b${s}`, new Date(Date.UTC(2026, 10, 1, 0, s * 15)), clusters, faults),
    );
  }
  const per = (performance.now() - t) / (sweeps * clusters.length);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return per;
}

function bytesPerResult(path: string): { table: number; file: number; results: number; runs: number } {
  const db = new Database(path, { readonly: true });
  const results = (db.prepare('select count(*) as n from check_results').get() as { n: number }).n;
  const runs = (db.prepare('select count(*) as n from cluster_runs').get() as { n: number }).n;
  let table = Number.NaN;
  try {
    const row = db
      .prepare(
        `select sum(pgsize) as b from dbstat where name in ('check_results', 'sqlite_autoindex_check_results_1')`,
      )
      .get() as { b: number };
    table = row.b;
  } catch {
    table = Number.NaN;
  }
  db.close();
  const file = statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
  return { table: table / results, file: file / results, results, runs };
}

if (!existsSync(dbPath)) {
  console.error(`generating ${dbPath} (${opts.days} days × ${opts.clusters} clusters)...`);
  mkdirSync(join(dbPath, '..'), { recursive: true });
  const t = performance.now();
  const out = await generate({ ...opts, out: dbPath });
  writeFileSync(`${dbPath}.json`, JSON.stringify({ ...opts, ...out, totalMs: performance.now() - t }));
}
const gen = existsSync(`${dbPath}.json`)
  ? (JSON.parse(readFileSync(`${dbPath}.json`, 'utf8')) as {
      runs: number;
      ms: number;
      totalMs: number;
      days: number;
      clusters: number;
    })
  : undefined;
const size = bytesPerResult(dbPath);
const insertBs = await storeInsertCost((d) => join(d, 'b.db'));
const insertLs = await storeInsertCost((d) => `libsql:file:${join(d, 'b.db')}`);

const store: History = await openHistory(dbPath, { intervalMs: 15 * 60_000 });
const last = (await store.sweeps({ limit: 1 })).items[0];
const now = last ? Date.parse(last.startedAt) : Date.now();
const day = 86_400_000;
const names = (await store.clusters({ limit: 1000 })).items.map((c) => c.name);
const rows: [string, { p50: number; p95: number }, number][] = [];
const run = async (name: string, n: number, goal: number, fn: (i: number) => Promise<unknown>) => {
  rows.push([name, await timeIt(n, fn), goal]);
};
await run('fleet (latest per cluster)', 30, 50, () => store.fleet({ now: new Date(now) }));
await run('regressions vs previous sweep', 30, 50, () => store.regressions({ baseline: 'previous' }));
await run('regressions vs 7 days ago', 30, 50, () =>
  store.regressions({ baseline: { at: new Date(now - 7 * day) } }),
);
await run('trends pass_rate, day, 30 d, fleet', 30, 50, () =>
  store.trends({ metric: 'pass_rate', bucket: 'day', from: new Date(now - 30 * day), to: new Date(now) }),
);
await run('trends rtt p95, hour, 24 h, by provider', 30, 50, () =>
  store.trends({
    metric: 'health_rtt_p95_ms',
    bucket: 'hour',
    from: new Date(now - day),
    to: new Date(now),
    groupBy: 'provider',
  }),
);
await run('trends failures, day, 90 d, one cluster', 30, 50, (i) =>
  store.trends({
    metric: 'failures',
    bucket: 'day',
    from: new Date(now - 90 * day),
    to: new Date(now),
    cluster: names[i % names.length] ?? 'c000',
  }),
);
await run('flapping, 24 h', 30, 50, () => store.flapping({ from: new Date(now - day), to: new Date(now) }));
await run('mesh pairs (latest)', 30, 50, () => store.meshPairs());
await run('mesh compare', 30, 50, (i) => {
  const k = (i * 2) % Math.max(2, names.length);
  return store.meshCompare(names[k] ?? 'c000', names[k + 1] ?? 'c001');
});
const week = isoWeekOf(now - 7 * day);
await run(`weekly report (${week})`, 5, 2000, () => store.weeklyReport(week, { now: new Date(now) }));
await store.close();

const fmt = (v: number) => v.toFixed(v < 10 ? 2 : 0);
const table = rows
  .map(([n, t, g]) => `| ${n} | ${fmt(t.p50)} | ${fmt(t.p95)} | ≤ ${g} | ${t.p95 <= g ? '✅' : '❌'} |`)
  .join('\n');
const md = `## History store (issue 5)

DB: ${size.runs.toLocaleString('en')} cluster runs, ${size.results.toLocaleString('en')} check results${
  gen
    ? ` (${gen.days} days of 15-minute sweeps × ${gen.clusters} clusters, generated by \`bench/gen-history.ts\`)`
    : ''
}, better-sqlite3 file \`${dbPath}\`. Load average during the run: ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ')} (shared machine; p95s move with it).

| measure | value | goal |
|---|---|---|
| bytes per check result (check_results table + key index) | ${fmt(size.table)} | ≤ 100 ${size.table <= 100 ? '✅' : '❌'} |
| bytes per check result (whole DB file incl. runs, links, rollups, indexes) | ${fmt(size.file)} | |
| insert per cluster run, store.saveSweep, better-sqlite3 (ms) | ${fmt(insertBs)} | |
| insert per cluster run, store.saveSweep, libSQL file (ms) | ${fmt(insertLs)} | |
${gen ? `| insert per cluster run, bulk generator (µs) | ${fmt((gen.ms * 1000) / gen.runs)} | |\n| generator total incl. rollups (s) | ${fmt(gen.totalMs / 1000)} | |\n` : ''}
| query (ms) | p50 | p95 | goal | |
|---|---|---|---|---|
${table}
`;
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/history.md', md);
console.log(md);
