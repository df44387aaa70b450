import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localSweep } from '../../functions/local-sweep.ts';
import { closeLambdaStore, lambdaStore } from '../../functions/store.ts';
import { parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';

const SCENARIO = `
version: 1
seed: 11
clusters:
  - { name: loc-a, clusterId: 1, nodes: 2, mesh: [loc-b] }
  - { name: loc-b, clusterId: 1, nodes: 2, mesh: [loc-a] }
  - { name: loc-down, nodes: 1, faults: [{ type: apiserver-down }] }
`;

const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-local-'));
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator(parseScenario(SCENARIO));
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  await sim.writeKubeconfig(kubeconfig);
  vi.stubEnv('KUBECONFIG', kubeconfig);
  vi.stubEnv('FLEETCHECK_FLEET', undefined);
  vi.stubEnv('FLEETCHECK_DB', join(dir, 'fleetcheck.db'));
});

afterAll(async () => {
  await closeLambdaStore();
  await sim?.stop();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('the serverless pipeline in one process', () => {
  it('plans, checks every cluster through the queue message schema, and finishes the sweep', async () => {
    const { plan, report } = await localSweep();
    expect(plan.clusters.sort()).toEqual(['loc-a', 'loc-b', 'loc-down']);
    expect(plan.queued).toBe(3);
    expect(report?.sweep.id).toBe(plan.sweepId);
    const byName = new Map(report?.clusters.map((c) => [c.name, c]));
    expect(byName.get('loc-down')).toMatchObject({ status: 'error', error: { code: 'unreachable' } });
    // Both sides claim cluster-id 1: the finisher's cross-cluster check flags the clash on the stored runs.
    const identity = byName.get('loc-a')?.results.filter((r) => r.check === 'config.mesh.identity');
    expect(identity?.some((r) => r.status === 'fail')).toBe(true);
    const stored = await (await lambdaStore()).sweep(plan.sweepId);
    expect(stored?.sweep.status).toBe(report?.sweep.status);
    expect(stored?.meshPairs.map((p) => [p.a, p.b])).toEqual([['loc-a', 'loc-b']]);
  });
});
