/**
 * What the machine and Node itself allow a sweep benchmark, beside the sweep: the simulator's share of the cores
 * (a floor for the wall-time ratio) and the same traffic replayed from bare Node (floors for the CPU per cluster,
 * the ratio and the peak RSS, whatever fleetcheck's own code does). Shared by bench/sweep-fleet.ts and
 * bench/sweep-slow-agents.ts.
 */
import os from 'node:os';
import type { ChildResult } from './sweep-child-run.ts';
import { type ReplayResult, runReplay } from './transport-replay.ts';

/** A child run with the CPU this process (the simulator) spent while it ran. */
export async function withSimCpu<T>(run: Promise<T>): Promise<T & { simCpuMs: number }> {
  const before = process.cpuUsage();
  const result = await run;
  const used = process.cpuUsage(before);
  return { ...result, simCpuMs: (used.user + used.system) / 1000 };
}

/** (child + simulator CPU) / cores: with every core busy for the whole run it could not end sooner. */
function cpuFloorMs(full: { cpuMs: number; simCpuMs: number }): number {
  return (full.cpuMs + full.simCpuMs) / os.cpus().length;
}

/**
 * The simulator's CPU and what both sides together ask of the machine's cores: with every core busy for the
 * whole sweep it could not end sooner than (sweeper + simulator CPU) / cores, a floor for the ratio here.
 */
export function cpuBudgetRows(
  solo: ChildResult,
  full: ChildResult & { simCpuMs: number },
  clusters: number,
): string[] {
  const floorMs = cpuFloorMs(full);
  return [
    `| CPU time of the simulator (this process) per cluster, during the fleet sweep | ${(full.simCpuMs / clusters).toFixed(0)} ms | — |`,
    `| the fleet sweep's CPU (sweeper + simulator) spread over all ${os.cpus().length} cores | ${(floorMs / 1000).toFixed(2)} s = ${(floorMs / solo.wallMs).toFixed(2)}× the slowest cluster alone (a floor for the ratio on this machine) | — |`,
  ];
}

export interface ReplayPair {
  solo: ReplayResult;
  full: ReplayResult & { simCpuMs: number };
}

/** The sweep's traffic replayed from bare Node (bench/transport-replay-child.ts), alone and as a fleet. */
export async function replayPair(
  kubeconfig: string,
  clusters: number,
  slowest: string,
  node: string,
): Promise<ReplayPair> {
  await runReplay(kubeconfig, 1, slowest, node);
  const solo = await runReplay(kubeconfig, 1, slowest, node);
  const full = await withSimCpu(runReplay(kubeconfig, clusters, undefined, node));
  return { solo, full };
}

/**
 * What the same traffic costs bare Node, beside the sweep: its CPU per cluster, wall-time ratio and peak RSS are
 * floors for the sweep's goals on this machine, whatever fleetcheck's own code does.
 */
export function replayRows(r: ReplayPair, sweep: ChildResult, clusters: number): string[] {
  const cpu = r.full.cpuMs / clusters;
  const failed = r.full.failed + r.solo.failed;
  const failures =
    failed > 0 ? ` (${failed} clusters failed: ${r.full.failures.concat(r.solo.failures)[0]})` : '';
  const floorMs = cpuFloorMs(r.full);
  return [
    `| the same traffic from bare Node, no fleetcheck code (\`bench/transport-replay-child.ts\`: the sweep's requests, 10 exec sessions, JSON parsing, resumed TLS), concurrency ${clusters}: CPU per cluster | ${cpu.toFixed(0)} ms (the sweep: ${(sweep.cpuMs / clusters - cpu).toFixed(0)} ms more)${failures} | — |`,
    `| its fleet / slowest cluster alone (wall) | ${(r.full.wallMs / 1000).toFixed(2)} s / ${(r.solo.wallMs / 1000).toFixed(2)} s = ${(r.full.wallMs / r.solo.wallMs).toFixed(2)}× | — |`,
    `| its CPU (replay + simulator) spread over all ${os.cpus().length} cores | ${(floorMs / 1000).toFixed(2)} s = ${(floorMs / r.solo.wallMs).toFixed(2)}× its slowest cluster alone | — |`,
    `| its peak RSS | ${r.full.maxRssMb.toFixed(0)} MB | — |`,
  ];
}
