import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSweepChild, runChild } from '../../bench/sweep-child-run.ts';
import { bundleReplayChild, runReplay } from '../../bench/transport-replay.ts';
import { parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import type { ClusterStats } from '../../sim/types.ts';

// Two meshed clusters with the benchmark fleet's shape (5 nodes), fast enough for a test.
const scenario = parseScenario(`
version: 1
defaults:
  nodes: 5
  latency: { apiMs: 2, execMs: 10, jobStartSeconds: 1 }
clusters:
  - { name: east, clusterId: 1, ciliumVersion: "1.17.2", mesh: [west] }
  - { name: west, clusterId: 2, ciliumVersion: "1.17.2", mesh: [east] }
`);

/** The probe Job's polls (its pods; the Job while it shows none): how many depends on when its end is seen. */
const POLLS = new Set(['get jobs', 'list pods']);

let sim: Simulator;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  sim = await startSimulator(scenario);
  dir = mkdtempSync(join(tmpdir(), 'fleetcheck-replay-'));
  kubeconfig = join(dir, 'kubeconfig.yaml');
  await sim.writeKubeconfig(kubeconfig);
  await Promise.all([bundleSweepChild(), bundleReplayChild()]);
});

afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function traffic(): ClusterStats[] {
  return sim.clusters.map((c) => sim.stats(c.name));
}

function withoutPolls(s: ClusterStats): Record<string, number> {
  return Object.fromEntries(Object.entries(s.requestsByResource).filter(([k]) => !POLLS.has(k)));
}

describe("the sweep benchmark's children (transport replay, sweep)", () => {
  it('sends a cluster the same requests and exec sessions as a fleetcheck sweep, and leaves no probe Job', async () => {
    sim.resetStats();
    const swept = await runChild(kubeconfig, 2);
    expect(swept.statuses).toEqual({ pass: 2 });
    const bySweep = traffic();

    sim.resetStats();
    const replayed = await runReplay(kubeconfig, 2);
    expect(replayed).toMatchObject({ clusters: 2, failed: 0 });
    expect(replayed.cpuMs).toBeGreaterThan(0);
    const byReplay = traffic();

    for (const [i, sweep] of bySweep.entries()) {
      const replay = byReplay[i] as ClusterStats;
      expect(withoutPolls(replay)).toEqual(withoutPolls(sweep));
      expect(replay.execByCommand).toEqual(sweep.execByCommand);
      expect(replay.requestsByResource['list pods']).toBeGreaterThan(1);
      expect(replay.resumedConnections).toBe(replay.connections - 1);
      expect(replay).toMatchObject({ jobsCreated: 1, jobsDeleted: 1, liveJobs: 0 });
    }
  });

  it('replays one context alone when named', async () => {
    sim.resetStats();
    const one = await runReplay(kubeconfig, 1, 'west');
    expect(one).toMatchObject({ clusters: 1, failed: 0 });
    const [east, west] = traffic() as [ClusterStats, ClusterStats];
    expect(east.requests).toBe(0);
    expect(west.execSessions).toBe(10);
  });

  it("sweeps with a fleet file's sampleAgents when the benchmark's what-if asks for fewer agents", async () => {
    sim.resetStats();
    const env = { ...process.env, FLEETCHECK_BENCH_SAMPLE_AGENTS: '2' };
    const swept = await runChild(kubeconfig, 2, undefined, process.execPath, env);
    expect(swept.statuses).toEqual({ pass: 2 });
    for (const s of traffic()) {
      expect(s.execByCommand).toEqual({ 'cilium-dbg status': 2, 'cilium-health status': 2 });
    }
  });
});
