/**
 * Simulator benchmark: start-up time and RSS for 200 clusters × 5 nodes in one process (goal < 10 s,
 * < 500 MB), then exec round-trip time (p50/p95 over N execs through @kubernetes/client-node).
 * Prints a markdown section and writes it to bench/results/sim.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { cpus, loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { CoreV1Api, Exec, KubeConfig } from '@kubernetes/client-node';
import { parseScenario, type Simulator, startSimulator } from '../sim/index.ts';

const CLUSTERS = Number(process.argv[2] ?? 200);
const NODES = 5;
const EXECS = Number(process.argv[3] ?? 200);

function scenarioYaml(): string {
  const lines = [
    'version: 1',
    'seed: 9',
    `defaults: { nodes: ${NODES}, latency: { apiMs: 0, execMs: 0, jobStartSeconds: 1 } }`,
    'clusters:',
  ];
  for (let i = 0; i < CLUSTERS; i++)
    lines.push(`  - { name: bench-${i}, mesh: [bench-${(i + 1) % CLUSTERS}] }`);
  return lines.join('\n');
}

function get(sim: Simulator, i: number, path: string): Promise<number> {
  const c = sim.clusters[i];
  if (!c) throw new Error('cluster');
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, c.server),
      { ca: sim.caPem, headers: { Authorization: `Bearer ${c.token}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function kubeConfig(sim: Simulator): KubeConfig {
  const c = sim.clusters[0];
  if (!c) throw new Error('cluster');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: c.name,
        server: c.server,
        caData: Buffer.from(sim.caPem).toString('base64'),
        skipTLSVerify: false,
      },
    ],
    users: [{ name: c.name, token: c.token }],
    contexts: [{ name: c.name, cluster: c.name, user: c.name }],
    currentContext: c.name,
  });
  return kc;
}

function execOnce(kc: KubeConfig, pod: string): Promise<void> {
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  return new Promise((resolve, reject) => {
    new Exec(kc)
      .exec(
        'kube-system',
        pod,
        'cilium-agent',
        ['cilium-dbg', 'status', '-o', 'json'],
        sink,
        sink,
        null,
        false,
        () => resolve(),
      )
      .catch(reject);
  });
}

const pct = (xs: number[], p: number) =>
  xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const gc = (globalThis as { gc?: () => void }).gc;

const rssBefore = process.memoryUsage().rss;
const scenario = parseScenario(scenarioYaml());
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const sim = await startSimulator(scenario);
const startMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const codes = await Promise.all(sim.clusters.map((_, i) => get(sim, i, '/version')));
gc?.();
const rss = process.memoryUsage().rss;
const up = codes.filter((c) => c === 200).length;

const kc = kubeConfig(sim);
const pods = await kc
  .makeApiClient(CoreV1Api)
  .listNamespacedPod({ namespace: 'kube-system', labelSelector: 'k8s-app=cilium' });
const agent = pods.items[0]?.metadata?.name ?? '';
const times: number[] = [];
for (let i = 0; i < EXECS; i++) {
  const t = performance.now();
  await execOnce(kc, agent);
  times.push(performance.now() - t);
}
const listTimes: number[] = [];
for (let i = 0; i < 100; i++) {
  const t = performance.now();
  await get(
    sim,
    i % sim.clusters.length,
    '/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dcilium',
  );
  listTimes.push(performance.now() - t);
}
await sim.stop();

const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
const ok = (cond: boolean) => (cond ? '✅' : '❌');
const md = `## Simulator (\`bench/sim-startup.ts\`)

${CLUSTERS} clusters × ${NODES} nodes in one process, HTTPS (one per-run CA + server cert), latency faults off.

| measure | value | goal |
|---|---|---|
| start-up (PKI + world models + ${CLUSTERS} listeners), wall clock | ${(startMs / 1000).toFixed(2)} s | < 10 s ${ok(startMs < 10_000)} |
| start-up, CPU time of the process (user + system) | ${(cpuMs / 1000).toFixed(2)} s | — |
| machine load average (1 min) at the end of start-up | ${loadavg()[0]?.toFixed(1)} on ${cpus().length} CPUs | — |
| RSS after start (${up}/${CLUSTERS} answering /version) | ${mb(rss)} (process start: ${mb(rssBefore)}) | < 500 MB ${ok(rss < 500 * 2 ** 20)} |
| exec round-trip \`cilium-dbg status -o json\`, client-node, p50 / p95 (N=${EXECS}) | ${pct(times, 50).toFixed(1)} ms / ${pct(times, 95).toFixed(1)} ms | — |
| list cilium pods over HTTPS (new connection each), p50 / p95 (N=100) | ${pct(listTimes, 50).toFixed(1)} ms / ${pct(listTimes, 95).toFixed(1)} ms | — |
`;
process.stdout.write(md);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/sim.md', md);
