import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultCheckSettings } from '../../core/checks/check.ts';
import { runClusterChecks } from '../../core/checks/run.ts';
import { kubeconfigTargets } from '../../core/fleet/kubeconfig-targets.ts';
import { type ClusterReport, type SweepReport, sweepReportSchema } from '../../core/sweep/report.ts';
import { runSweep } from '../../core/sweep/run-sweep.ts';
import { parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';

const scenario = parseScenario(`
version: 1
defaults:
  nodes: 3
  latency: { apiMs: 1, execMs: 5, jobStartSeconds: 0 }
clusters:
  - { name: east, clusterId: 1, ciliumVersion: "1.17.2", mesh: [west] }
  - name: west
    clusterId: 2
    ciliumVersion: "1.17.2"
    mesh: [east]
    faults: [{ type: mesh-disconnected, peer: east }]
  - { name: calm, clusterId: 3, nodes: 6 }
  - { name: down, clusterId: 4, faults: [{ type: apiserver-down }] }
  - { name: hung, clusterId: 5, faults: [{ type: agent-hang, node: node-2 }] }
`);

/** Long enough for a healthy simulated cluster on a busy machine; the hung agent's exec deadline is longer. */
const DEADLINE_MS = 15_000;
let sim: Simulator;
let dir: string;
let report: SweepReport;
let wallMs: number;
const cluster = (name: string): ClusterReport => report.clusters.find((c) => c.name === name)!;

beforeAll(async () => {
  sim = await startSimulator(scenario);
  dir = mkdtempSync(join(tmpdir(), 'fleetcheck-sweep-'));
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  await sim.writeKubeconfig(kubeconfig);
  const started = Date.now();
  report = await runSweep({
    targets: kubeconfigTargets({ files: [kubeconfig] }),
    runChecks: runClusterChecks,
    settings: { ...defaultCheckSettings, execDeadlineMs: 60_000, apiDeadlineMs: 2_000 },
    clusterDeadlineMs: DEADLINE_MS,
  });
  wallMs = Date.now() - started;
});

afterAll(async () => {
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('sweeping the simulator over HTTPS', () => {
  it('produces the issue-4 JSON shape for every cluster', () => {
    expect(sweepReportSchema.parse(report)).toBeTruthy();
    expect(report.clusters.map((c) => c.name)).toEqual(['east', 'west', 'calm', 'down', 'hung']);
  });

  it('gives error for an unreachable cluster while the rest completes', () => {
    expect(cluster('down').status).toBe('error');
    expect(cluster('down').error?.code).toMatch(/unreachable|timeout/);
    expect(cluster('calm').status).toBe('pass');
    expect(
      cluster('calm').results.some((r) => r.check === 'component.agent.status' && r.status === 'pass'),
    ).toBe(true);
  });

  it('gives error after the deadline for a hanging agent and keeps the partial results', () => {
    const hung = cluster('hung');
    expect(hung.status).toBe('error');
    expect(hung.error?.code).toBe('timeout');
    expect(hung.results.some((r) => r.check === 'component.agent.rollout' && r.status === 'pass')).toBe(true);
    expect(hung.durationMs).toBeGreaterThanOrEqual(DEADLINE_MS);
    expect(wallMs).toBeLessThan(DEADLINE_MS * 2);
  });

  it('names the side of a one-sided mesh disconnection', () => {
    expect(report.meshPairs).toHaveLength(1);
    const pair = report.meshPairs[0]!;
    expect(pair).toMatchObject({ a: 'east', b: 'west', aSeesB: true, bSeesA: false, status: 'warn' });
    expect(pair.message).toMatch(/^west cannot see east/);
    const peer = cluster('west').results.find(
      (r) => r.check === 'mesh.peer.connected' && r.subject === 'east',
    );
    expect(peer?.status).toBe('fail');
  });

  it('runs cross-cluster identity and version checks on meshed clusters', () => {
    const id = cluster('east').results.find(
      (r) => r.check === 'config.mesh.identity' && r.subject === 'mesh',
    );
    expect(id?.status).toBe('pass');
    const skew = cluster('east').results.find((r) => r.check === 'version.skew' && r.subject === 'west');
    expect(skew?.status).toBe('pass');
  });

  it('keeps the load on each cluster within bounds', () => {
    const commands = 2;
    for (const name of ['east', 'west', 'calm']) {
      const stats = sim.stats(name);
      const nodes = name === 'calm' ? 6 : 3;
      const sampled = Math.min(nodes, defaultCheckSettings.sampleAgents);
      expect(stats.execSessions, name).toBeLessThanOrEqual(sampled * commands);
      expect(stats.execSessions, name).toBeGreaterThan(0);
      expect(stats.requests, name).toBeLessThanOrEqual(40);
    }
  });

  it('leaves no probe Job behind, also on the cluster that overran its deadline', async () => {
    for (const name of ['east', 'west', 'calm']) {
      const stats = sim.stats(name);
      expect(stats.jobsCreated, name).toBe(1);
      expect(stats.jobsDeleted, name).toBe(1);
      expect(stats.liveJobs, name).toBe(0);
    }
    await vi.waitFor(() => expect(sim.stats('hung').liveJobs).toBe(0), { timeout: 5000, interval: 100 });
  });
});
