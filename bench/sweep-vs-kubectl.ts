/**
 * Baseline benchmark: the manual checklist fleetcheck replaces, run with the real kubectl cluster after cluster,
 * next to one fleetcheck sweep of the same simulated clusters (goal: the sweep ≥ 25× faster for 20 clusters).
 * Per cluster, as an engineer would: `get ds,deploy`, the agent pods, `cilium-dbg status` and
 * `cilium-health status --verbose` in each of 5 agents (what fleetcheck samples), `cilium-dbg endpoint list` in
 * one, and a busybox Job (DNS + a service call): create, wait for Complete, its pod, the DNS log, delete.
 * Usage: bench/sweep-vs-kubectl.ts [clusters=20 | --scenario FILE]. Writes bench/results/sweep-vs-kubectl.md (with a
 * scenario file: bench/results/scenarios/sweep-vs-kubectl-<file>.md).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '../sim/index.ts';
import { probePodSpec } from '../test/fixtures/probe-pod.ts';
import { runFile } from '../test/fixtures/run-file.ts';
import { benchFleet } from './bench-fleet.ts';
import { bundleSweepChild, runChild } from './sweep-child-run.ts';

const KUBECTL = '/usr/bin/kubectl';
const AGENTS = 5;
const PROBE_NS = 'fleetcheck-probe';
const NAMES = 'jsonpath={.items[*].metadata.name}';

function probeJob(name: string) {
  const web = ['wget', '-T', '2', '-q', '-O', '-', 'http://kubernetes.default.svc.cluster.local:443/'];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: PROBE_NS },
    spec: { activeDeadlineSeconds: 60, template: { spec: probePodSpec({ name: 'web', command: web }) } },
  };
}

/** The checklist on one cluster; returns the kubectl commands run and how many exited non-zero. */
async function checklist(sim: Simulator, context: string, env: NodeJS.ProcessEnv, dir: string) {
  const admin = sim.clusters.find((c) => c.name === context)?.adminToken ?? '';
  let runs = 0;
  let failed = 0;
  const k = async (args: string[]) => {
    const r = await runFile(KUBECTL, [`--token=${admin}`, '--context', context, ...args], env, 120_000);
    runs++;
    if (r.code !== 0) failed++;
    return r.stdout.trim();
  };
  const inAgent = (pod: string, argv: string[]) =>
    k(['exec', '-n', 'kube-system', pod, '-c', 'cilium-agent', '--', ...argv]);
  await k(['get', 'ds,deploy', '-n', 'kube-system']);
  const pods = (await k(['get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=cilium', '-o', NAMES]))
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, AGENTS);
  for (const pod of pods) {
    await inAgent(pod, ['cilium-dbg', 'status']);
    await inAgent(pod, ['cilium-health', 'status', '--verbose']);
  }
  if (pods[0]) await inAgent(pods[0], ['cilium-dbg', 'endpoint', 'list']);
  const job = `checklist-${context}`;
  const file = join(dir, `${job}.json`);
  writeFileSync(file, JSON.stringify(probeJob(job)));
  await k(['create', '-f', file, '--validate=false']);
  await k(['wait', '--for=condition=complete', `job/${job}`, '-n', PROBE_NS, '--timeout=60s']);
  const pod = await k([
    'get',
    'pods',
    '-n',
    PROBE_NS,
    '-l',
    `job-name=${job}`,
    '-o',
    'jsonpath={.items[0].metadata.name}',
  ]);
  await k(['logs', '-n', PROBE_NS, pod, '-c', 'dns']);
  await k(['delete', 'job', job, '-n', PROBE_NS]);
  return { runs, failed };
}

async function main(): Promise<void> {
  const fleet = await benchFleet(process.argv.slice(2), 20);
  if (!existsSync(KUBECTL))
    throw new Error(`${KUBECTL} is not installed: the baseline needs the real kubectl`);
  await bundleSweepChild();
  const load0 = os.loadavg()[0]?.toFixed(1);
  const sim = await startSimulator(fleet.scenario);
  const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-bench-kubectl-'));
  try {
    const kubeconfig = join(dir, 'kubeconfig.yaml');
    await sim.writeKubeconfig(kubeconfig);
    const env = {
      PATH: process.env.PATH,
      HOME: dir,
      KUBECONFIG: kubeconfig,
      KUBECACHEDIR: join(dir, 'cache'),
    };
    const sweep = await runChild(kubeconfig, 32);
    const t0 = performance.now();
    let runs = 0;
    let failed = 0;
    for (const c of sim.clusters) {
      const r = await checklist(sim, c.name, env, dir);
      runs += r.runs;
      failed += r.failed;
    }
    const serialMs = performance.now() - t0;
    const ratio = serialMs / sweep.wallMs;
    const statuses = Object.entries(sweep.statuses)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ');
    const md = [
      '## Sweep vs the serial kubectl checklist (`bench/sweep-vs-kubectl.ts`)',
      '',
      `Simulated: ${fleet.description}. The checklist fleetcheck ` +
        'replaces, run with the real `kubectl` one cluster after another: `get ds,deploy`, the agent pods, ' +
        `\`cilium-dbg status\` and \`cilium-health status --verbose\` in ${AGENTS} agents, \`cilium-dbg endpoint list\`, ` +
        'and a busybox Job (create, wait Complete, its pod, the DNS log, delete). The sweep: one fleetcheck sweep ' +
        'of the same clusters (default concurrency 32, its own process).',
      '',
      '| measure | value | goal |',
      '|---|---|---|',
      `| serial kubectl checklist (wall) | ${(serialMs / 1000).toFixed(1)} s (${runs} kubectl runs, ${failed} exited non-zero) | — |`,
      `| fleetcheck sweep (wall) | ${(sweep.wallMs / 1000).toFixed(2)} s (verdicts: ${statuses}) | — |`,
      `| sweep speed-up over the checklist | ${ratio.toFixed(1)}× | ≥ 25× ${ratio >= 25 ? '✅' : '❌'} |`,
      '',
      `Machine: ${os.cpus().length} CPUs, load average ${load0} at start and ${os.loadavg()[0]?.toFixed(1)} at the end.`,
      '',
    ].join('\n');
    process.stdout.write(md);
    fleet.writeResult('sweep-vs-kubectl', md);
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
