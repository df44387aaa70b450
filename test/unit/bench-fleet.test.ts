import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchFleet } from '../../bench/bench-fleet.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fleetcheck-bench-fleet-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scenarioFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('the fleet of the sweep benchmarks', () => {
  it('is the built-in fleet of the given size by default, its first cluster the slowest', async () => {
    const fleet = await benchFleet(['12'], 200);
    expect(fleet.clusters).toBe(12);
    expect(fleet.scenario.clusters).toHaveLength(12);
    expect(fleet.slowestCandidates).toEqual(['fleet-000']);
    expect(fleet.verdictGoal).toBe('all pass');
    expect((await benchFleet([], 7)).clusters).toBe(7);
  });

  it("is a scenario file's fleet with --scenario; its longest clusters by latency are the ones swept alone", async () => {
    const file = await scenarioFile(
      'four.yaml',
      [
        'version: 1',
        'defaults: { nodes: 3 }',
        'clusters:',
        '  - { name: quick, latency: { apiMs: 5, execMs: 50, jobStartSeconds: 1 } }',
        '  - { name: slow-job, nodes: 6, latency: { apiMs: 10, execMs: 100, jobStartSeconds: 5 } }',
        '  - { name: slow-exec, latency: { apiMs: 10, execMs: 900, jobStartSeconds: 2 } }',
        '  - { name: slow-api, latency: { apiMs: 60, execMs: 100, jobStartSeconds: 2 } }',
        '',
      ].join('\n'),
    );
    const fleet = await benchFleet(['--scenario', file], 200);
    expect(fleet.clusters).toBe(4);
    expect(fleet.slowestCandidates).toEqual(['quick', 'slow-job', 'slow-exec', 'slow-api']);
    expect(fleet.description).toContain('4 clusters × 3-6 nodes');
    expect(fleet.description).toContain('exec 50-900 ms');
    expect(fleet.verdictGoal).not.toBe('all pass');
  });

  it('sweeps alone the longest clusters of a large scenario by latency, and those with faults that make a run wait', async () => {
    const lines = ['version: 1', 'defaults: { nodes: 2 }', 'clusters:'];
    for (let i = 0; i < 30; i++) {
      const job = i === 7 ? 9 : i === 12 ? 8 : i === 20 ? 7 : 2;
      const fault = i === 25 ? ', faults: [ { type: agent-hang, node: node-1 } ]' : '';
      lines.push(`  - { name: c${i}, latency: { apiMs: 10, execMs: 100, jobStartSeconds: ${job} }${fault} }`);
    }
    const fleet = await benchFleet(['--scenario', await scenarioFile('thirty.yaml', lines.join('\n'))], 200);
    expect(fleet.slowestCandidates).toEqual(['c7', 'c12', 'c20', 'c25']);
    expect(fleet.slowestNote).toContain('c7, c12, c20, c25');
  });

  it('refuses a broken scenario file, a missing one and a bad count with what is wrong', async () => {
    const broken = await scenarioFile('broken.yaml', 'version: 1\nclusters: [ { name: x, nodes: -2 } ]\n');
    await expect(benchFleet(['--scenario', broken], 200)).rejects.toThrow(/invalid scenario/);
    await expect(benchFleet(['--scenario', join(dir, 'none.yaml')], 200)).rejects.toThrow(/none\.yaml/);
    await expect(benchFleet(['--scenario'], 200)).rejects.toThrow(/needs a scenario file/);
    await expect(benchFleet(['many'], 200)).rejects.toThrow(/cluster count/);
  });
});
