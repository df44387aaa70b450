/**
 * API latency under load: p50/p95 of fleet, regressions, trends and mesh pairs with 16 concurrent clients on
 * loopback, against a history DB from bench/gen-history.ts (default bench/.data/history.db: 90 days × 200
 * clusters; `--db <file>` another one; `--days n --clusters n` generates a smaller one first), plus the demo's
 * start-up time. Writes bench/results/api.md.
 * Usage: node bin/run-ts.mjs bench/api-latency.ts [--db f] [--days 7 --clusters 40] [--requests 20] [--no-demo]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from './gen-history.ts';

const argv = process.argv.slice(2);
const arg = (k: string) => {
  const i = argv.indexOf(`--${k}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const CLIENTS = 16;
const PER_CLIENT = Number(arg('requests') ?? 20);
const GOAL_P95 = 50;

interface RouteLoad {
  path: string;
  p50: number;
  p95: number;
  max: number;
  rps: number;
}

/** Runs bench/api-load-main.ts (the clients, in their own process) over `paths`; one result per path. */
async function load(url: string, paths: string[]): Promise<RouteLoad[]> {
  const spec = JSON.stringify({ url, paths, clients: CLIENTS, requests: PER_CLIENT });
  const child = spawn(process.execPath, ['bin/run-ts.mjs', 'bench/api-load-main.ts', spec], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`api load clients exited with ${code}`);
  return out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as RouteLoad);
}

async function demoStartup(): Promise<{ firstData: number; backfill: number } | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-bench-demo-'));
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ['bin/fleetcheck.mjs', 'demo', '--port', '0', '--db', join(dir, 'd.db')],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const marks: { firstData?: number; backfill?: number } = {};
  let out = '';
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 240_000);
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
      if (marks.firstData === undefined && out.includes('first sweep stored'))
        marks.firstData = (performance.now() - t0) / 1000;
      if (out.includes('backfill done')) {
        marks.backfill = (performance.now() - t0) / 1000;
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', () => resolve());
  });
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
  return marks.firstData !== undefined && marks.backfill !== undefined
    ? { firstData: marks.firstData, backfill: marks.backfill }
    : undefined;
}

/** bench/api-server-main.ts in a child process; resolves once it listens. */
async function startServer(db: string, mode: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['bin/run-ts.mjs', 'bench/api-server-main.ts', '--db', db, '--mode', mode],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`api server exited with ${code}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}

async function main() {
  let db = arg('db') ?? 'bench/.data/history.db';
  let generated = '';
  if (arg('days') || arg('clusters') || !existsSync(db)) {
    db = join(mkdtempSync(join(tmpdir(), 'fleetcheck-bench-api-')), 'h.db');
    const o = {
      out: db,
      days: Number(arg('days') ?? 7),
      clusters: Number(arg('clusters') ?? 40),
      intervalMin: 15,
    };
    console.error(`api bench: generating ${o.days} days × ${o.clusters} clusters into ${db}`);
    await generate(o);
    generated = ` (generated for this run: ${o.days} days × ${o.clusters} clusters, 15-minute sweeps)`;
  }
  const loadBefore = loadavg()[0] ?? 0;
  const to = new Date().toISOString();
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const routes: [string, string][] = [
    ['fleet', '/api/v1/fleet'],
    ['regressions vs previous sweep', '/api/v1/regressions'],
    ['regressions vs 7 days ago', `/api/v1/regressions?baseline=${day(7)}`],
    [
      'trends pass_rate, hour, 24 h, fleet',
      `/api/v1/trends?metric=pass_rate&bucket=hour&from=${day(1)}&to=${to}`,
    ],
    [
      'trends failures, day, 30 d, by region',
      `/api/v1/trends?metric=failures&bucket=day&from=${day(30)}&to=${to}&groupBy=region`,
    ],
    ['mesh pairs', '/api/v1/mesh/pairs'],
  ];
  routes.unshift(['healthz (API + HTTP overhead only)', '/healthz']);
  const rows: string[] = [];
  const cold: string[] = [];
  let clusters = 0;
  const modes: [string, string][] = [
    ['as served (cachedStore + read pool)', 'served'],
    ['store only (no cache, read pool)', 'store'],
    ['store only (no cache, one connection on the event loop)', 'single'],
  ];
  for (const [label, mode] of modes) {
    const server = await startServer(db, mode);
    try {
      const fleet = (await (await fetch(`${server.url}/api/v1/fleet`)).json()) as { clusters: unknown[] };
      clusters = fleet.clusters.length;
      const results = await load(
        server.url,
        routes.map(([, path]) => path),
      );
      for (const [i, [name, path]] of routes.entries()) {
        const r = results[i];
        if (!r || r.path !== path) throw new Error(`no load result for ${path}`);
        console.error(`${label} ${name}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`);
        const met = r.p95 <= GOAL_P95 ? '✅' : '❌';
        rows.push(
          `| ${label} | ${name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${r.rps.toFixed(0)} | ${met} |`,
        );
        if (mode === 'store' && path !== '/healthz')
          cold.push(`| ${name} | ${r.p95.toFixed(1)} | ≤ ${GOAL_P95} ${met} |`);
      }
    } finally {
      await server.stop();
    }
  }
  const size = (statSync(db).size / 2 ** 20).toFixed(0);
  const demo = argv.includes('--no-demo') ? undefined : await demoStartup();
  if (generated) rmSync(join(db, '..'), { recursive: true, force: true });
  const md = `## API (issue 6)

DB: \`${arg('db') ?? (generated ? 'temporary' : 'bench/.data/history.db')}\`${generated}, ${size} MiB, ${clusters} clusters.
${CLIENTS} concurrent closed-loop clients on loopback, each on its own keep-alive connection (node:http), in a process of
their own (\`bench/api-load-main.ts\`); ${PER_CLIENT} requests each per route after 2 warm-up requests each. A latency is
the time from sending a request to the last byte of its answer, so it holds the server's work (routing, query,
JSON, HTTP) and the clients' own reading of the answer, plus any wait for a CPU. The server is the real HTTP server
(\`createApp\` + @hono/node-server, better-sqlite3) in its own process (\`bench/api-server-main.ts\`).
Goal: p95 ≤ ${GOAL_P95} ms.
"as served": what \`fleetcheck serve\` runs: the \`cachedStore\` (identical concurrent reads share one query; answers
reused until the next stored sweep or 5 s) over the read pool (reads in worker threads, one read-only connection
each). "store only": every request runs its queries (the cost of the first request after a sweep, and of a cold
serverless API), with the read pool, and with one connection on the server's event loop (the serverless API's
shape). Server, clients and anything else running share the machine's cores; the 1-minute load average was
${loadBefore.toFixed(1)} when the run started (other work on the machine inflates every number, \`healthz\` shows the floor).

| mode | route | p50 (ms) | p95 (ms) | max (ms) | req/s | p95 goal |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Cold API (issue 13): no cache, ${CLIENTS} concurrent clients, the read pool, this DB (the "store only (no cache,
read pool)" rows above). Each answer reads state kept on write: fleet one row per cluster (\`latest_runs\`), regressions
the current runs and the latest results (\`latest_results\`), each cluster's run at the baseline (the runs stored at
the baseline sweep's start: one range of the \`at\` index; a seek in the (cluster, at, id) index only for a cluster
without one there), and result rows only for the clusters and (check, subject) keys with a warn / error / fail on
either side (partial indexes of those rows), trends the group rollups (\`rollup_groups\`: one row per key and bucket);
the read pool's workers hand the route its JSON text, which the event loop sends on without parsing it.

| cold route | p95 (ms) | goal (ms) |
|---|---|---|
${cold.join('\n')}

${demo ? `Demo start-up (\`fleetcheck demo\`, fresh DB, this machine; the simulator in its own thread): a live sweep of the current state stored (dashboard has current data) ${demo.firstData.toFixed(1)} s after the process started (goal ≤ 10 s ${demo.firstData <= 10 ? '✅' : '❌'}); seven days of hourly history backfilled after ${demo.backfill.toFixed(1)} s (the dashboard says "backfilling history…" meanwhile).` : 'Demo start-up: not measured in this run.'}
`;
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/api.md', md);
  process.stdout.write(md);
}

await main();
