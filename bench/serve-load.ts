/**
 * `serve` under load (issue 14): `--clients` (50) concurrent API clients on loopback, each looping over the
 * dashboard's routes and /metrics with the bearer token for `--seconds` (60), while sweeps of a simulated fleet
 * (`--clusters` × 3 nodes, API 10–40 ms, exec 100–400 ms) run back to back (POST /api/v1/sweeps as soon as one is
 * stored). Goals: no error response, every cluster within its 90 s deadline, serve's RSS (the whole process with
 * its worker threads: read pool, running sweep; sampled from /proc every second) bounded: peak ≤ 512 MiB, growth
 * over the second half ≤ 10 % (bench/proc-memory.ts says how). Latency per route is reported without a goal;
 * /healthz touches no store, so its latency is the time a request waits for serve's event loop.
 * Writes bench/results/serve-load.md.
 * Usage: node bin/run-ts.mjs bench/serve-load.ts [--seconds 60] [--clients 50] [--clusters 40]
 *   [--node-arg --cpu-prof …] (Node options for the serve process, to profile it under this load)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClientStats, runClients } from './load-clients.ts';
import { type MemorySample, memorySample, secondHalfGrowth } from './proc-memory.ts';
import { startServeHarness } from './serve-harness.ts';

const argv = process.argv.slice(2);
const arg = (k: string, d: number) => {
  const i = argv.indexOf(`--${k}`);
  return i >= 0 ? Number(argv[i + 1]) : d;
};
const SECONDS = arg('seconds', 60);
const CLIENTS = arg('clients', 50);
const CLUSTERS = arg('clusters', 40);
const DEADLINE_MS = 90_000;
const RSS_GOAL_MB = 512;
const NODE_ARGS = argv.flatMap((a, i) => (argv[i - 1] === '--node-arg' ? [a] : []));

function scenarioYaml(clusters: number): string {
  const lines = ['version: 1', 'seed: 14', 'defaults: { nodes: 3 }', 'clusters:'];
  for (let i = 0; i < clusters; i++) {
    const peer = i % 2 === 0 ? i + 1 : i - 1;
    const mesh = peer < clusters ? `, mesh: [load-${String(peer).padStart(3, '0')}]` : '';
    const latency = `{ apiMs: ${10 + ((i * 7) % 30)}, execMs: ${100 + ((i * 37) % 300)}, jobStartSeconds: 2 }`;
    lines.push(
      `  - { name: load-${String(i).padStart(3, '0')}, clusterId: ${i + 1}${mesh}, latency: ${latency} }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

interface SweepOutcome {
  id: string;
  wallMs: number;
  clusters: number;
  maxClusterMs: number;
  overDeadline: number;
  errors: number;
}

async function sweepLoop(url: string, token: string, until: number): Promise<SweepOutcome[]> {
  const headers = { authorization: `Bearer ${token}` };
  const done: SweepOutcome[] = [];
  while (Date.now() < until) {
    const started = (await (await fetch(`${url}/api/v1/sweeps`, { method: 'POST', headers })).json()) as {
      id: string;
    };
    const wait = Date.now() + 2 * DEADLINE_MS;
    for (;;) {
      const res = await fetch(`${url}/api/v1/sweeps/${started.id}`, { headers });
      if (res.status === 200) {
        const r = (await res.json()) as {
          sweep: { startedAt: string; finishedAt: string };
          clusters: { durationMs: number; status: string; error?: { code: string; message: string } }[];
        };
        const late = r.clusters.filter(
          (c) => c.durationMs > DEADLINE_MS || /deadline/.test(c.error?.message ?? ''),
        );
        done.push({
          id: started.id,
          wallMs: Date.parse(r.sweep.finishedAt) - Date.parse(r.sweep.startedAt),
          clusters: r.clusters.length,
          maxClusterMs: Math.max(...r.clusters.map((c) => c.durationMs)),
          overDeadline: late.length,
          errors: r.clusters.filter((c) => c.status === 'error').length,
        });
        break;
      }
      await res.arrayBuffer();
      if (res.status !== 202 || Date.now() > wait) throw new Error(`sweep ${started.id}: ${res.status}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return done;
}

function routes(clusters: number): string[] {
  const name = (i: number) => `load-${String(i % clusters).padStart(3, '0')}`;
  return [
    '/api/v1/fleet',
    '/api/v1/clusters?limit=50',
    `/api/v1/clusters/${name(3)}`,
    `/api/v1/clusters/${name(5)}/history?limit=20`,
    '/api/v1/sweeps?limit=20',
    '/api/v1/regressions',
    '/api/v1/trends?bucket=hour',
    '/api/v1/trends?metric=failures&bucket=day&groupBy=region',
    '/api/v1/flapping',
    '/api/v1/mesh/pairs',
    `/api/v1/mesh/pairs/${name(0)}/${name(1)}`,
    '/api/v1/reports/weekly',
    '/metrics',
    '/healthz',
  ];
}

function report(o: {
  stats: ClientStats;
  sweeps: SweepOutcome[];
  firstSweepMs: number;
  memory: MemorySample[];
  load: { start: number; end: number };
}): string {
  const { stats, sweeps, memory } = o;
  const rss = memory.map((m) => m.rss);
  const atPeak = memory.reduce((a, m) => (m.rss > a.rss ? m : a));
  const peak = atPeak.rss;
  const growth = secondHalfGrowth(rss);
  const healthz = stats.byRoute.find((r) => r.route === '/healthz');
  const late = sweeps.reduce((a, s) => a + s.overDeadline, 0);
  const ok = (b: boolean) => (b ? '✅' : '❌');
  const maxCluster = Math.max(0, ...sweeps.map((s) => s.maxClusterMs));
  const rows = stats.byRoute.map(
    (r) =>
      `| ${r.route} | ${r.count} | ${r.errors} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} |`,
  );
  return `## serve under load (issue 14)

\`fleetcheck serve\` (compiled, its own process, bearer token, SQLite with 7 days of generated history) on
loopback; ${CLIENTS} concurrent clients looping over ${stats.byRoute.length} routes for ${SECONDS} s while sweeps of a
simulated fleet (${CLUSTERS} clusters × 3 nodes, API 10–40 ms, exec 100–400 ms) ran back to back. The clients and the
simulator run in one other process on the same machine as serve (latencies include their own waits); the 1-minute
load average was ${o.load.start.toFixed(1)} at the start and ${o.load.end.toFixed(1)} at the end. serve's memory is read from
/proc/<pid>/status once a second (${memory.length} samples): VmRSS counts the whole process with its worker threads
(read pool, the running sweep).
Command: \`node bin/run-ts.mjs bench/serve-load.ts --seconds ${SECONDS} --clients ${CLIENTS} --clusters ${CLUSTERS}\`.

| figure | value | goal |
|---|---|---|
| requests answered | ${stats.total} (${(stats.total / SECONDS).toFixed(0)} req/s) | |
| error responses (status ≥ 400 or failed request) | ${stats.errors} | 0 ${ok(stats.errors === 0)} |
| sweeps stored during the run | ${sweeps.length} (first, unloaded: ${(o.firstSweepMs / 1000).toFixed(1)} s; under load: ${sweeps.map((s) => (s.wallMs / 1000).toFixed(1)).join(', ')} s) | ≥ 1 ${ok(sweeps.length > 0)} |
| slowest cluster under load | ${(maxCluster / 1000).toFixed(1)} s; clusters over the 90 s deadline: ${late} | 0 ${ok(late === 0 && sweeps.length > 0)} |
| clusters errored under load | ${sweeps.reduce((a, s) => a + s.errors, 0)} | |
| serve RSS (MiB) | start ${rss[0]?.toFixed(0)}, peak ${peak.toFixed(0)}, end ${rss.at(-1)?.toFixed(0)} | peak ≤ ${RSS_GOAL_MB} ${ok(peak <= RSS_GOAL_MB)} |
| RSS at the peak, by kind (MiB) | anonymous (heaps, native) ${atPeak.anon.toFixed(0)}, mapped files (mostly the SQLite file) ${atPeak.file.toFixed(0)} | |
| RSS growth over the second half: highest sample of its last half vs of its first half | ${growth.percent.toFixed(1)} % (${growth.from.toFixed(0)} → ${growth.to.toFixed(0)} MiB) | ≤ 10 % ${ok(growth.percent <= 10)} |
| time a request waits for serve's event loop (/healthz, no store read) | p50 ${healthz?.p50.toFixed(1)} ms, p95 ${healthz?.p95.toFixed(1)} ms | |

| route | requests | errors | p50 (ms) | p95 (ms) | max (ms) |
|---|---|---|---|---|---|
${rows.join('\n')}
${stats.samples.length > 0 ? `\nFirst error responses: ${stats.samples.map((s) => `\`${s}\``).join(', ')}\n` : ''}`;
}

const build = spawnSync(process.execPath, ['bin/run-ts.mjs', 'scripts/build-cli.ts'], { stdio: 'inherit' });
if (build.status !== 0) throw new Error('npm run build failed');
const dir = await mkdtemp(join(tmpdir(), 'fleetcheck-serve-load-'));
const scenario = join(dir, 'load.yaml');
writeFileSync(scenario, scenarioYaml(CLUSTERS));
const loadStart = loadavg()[0] ?? 0;
const h = await startServeHarness({
  scenario,
  historyDays: 7,
  historyClusters: CLUSTERS,
  interval: '1h',
  nodeArgs: NODE_ARGS,
});
try {
  const first = (await (
    await fetch(`${h.url}/api/v1/sweeps?limit=1`, { headers: { authorization: `Bearer ${h.token}` } })
  ).json()) as { items: { startedAt: string; finishedAt?: string }[] };
  const s0 = first.items[0];
  const firstSweepMs = s0?.finishedAt ? Date.parse(s0.finishedAt) - Date.parse(s0.startedAt) : Number.NaN;
  const until = Date.now() + SECONDS * 1000;
  const memory: MemorySample[] = [memorySample(h.pid)];
  const sampler = setInterval(() => memory.push(memorySample(h.pid)), 1000);
  const [stats, sweeps] = await Promise.all([
    runClients({ url: h.url, token: h.token, clients: CLIENTS, until, routes: routes(CLUSTERS) }),
    sweepLoop(h.url, h.token, until),
  ]);
  clearInterval(sampler);
  memory.push(memorySample(h.pid));
  const load = { start: loadStart, end: loadavg()[0] ?? 0 };
  const md = report({ stats, sweeps, firstSweepMs, memory, load });
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/serve-load.md', md);
  process.stdout.write(md);
} finally {
  await h.stop();
  await rm(dir, { recursive: true, force: true });
}
