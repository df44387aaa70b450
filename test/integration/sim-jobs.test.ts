import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { raw } from './sim-helpers.ts';

let now = Date.parse('2026-11-25T08:00:00Z');
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator(
    parseScenario(
      'version: 1\nseed: 8\ndefaults: { latency: { apiMs: 0, execMs: 0, jobStartSeconds: 5 } }\nclusters: [{ name: jobs, nodes: 2 }]',
    ),
    { clock: () => now, plainHttp: true },
  );
});
afterAll(async () => {
  await sim?.stop();
});

const NS = '/apis/batch/v1/namespaces/fleetcheck-probe/jobs';
const job = (name: string, spec: Record<string, unknown>) =>
  JSON.stringify({
    metadata: { name },
    spec: {
      ...spec,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'dns',
              image: 'busybox:1.36',
              command: ['nslookup', 'kubernetes.default.svc.cluster.local'],
            },
          ],
        },
      },
    },
  });
const create = (name: string, spec: Record<string, unknown> = {}) =>
  raw(sim, 'jobs', NS, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: job(name, spec),
  });
const read = async (name: string) => {
  const r = await raw(sim, 'jobs', `${NS}/${name}`);
  return r.status === 200
    ? (JSON.parse(r.body) as { status: { active?: number; conditions?: { type: string; reason: string }[] } })
    : undefined;
};
const podsOf = async (name: string) =>
  (
    JSON.parse(
      (await raw(sim, 'jobs', `/api/v1/namespaces/fleetcheck-probe/pods?labelSelector=job-name%3D${name}`))
        .body,
    ) as { items: { status: { phase: string } }[] }
  ).items;

describe('probe Job lifecycle on the simulator clock', () => {
  it('keeps the pod Pending for jobStartSeconds, then completes', async () => {
    expect((await create('a')).status).toBe(201);
    expect((await podsOf('a'))[0]?.status.phase).toBe('Pending');
    expect((await read('a'))?.status.active).toBe(1);
    now += 5_000;
    expect((await podsOf('a'))[0]?.status.phase).toBe('Succeeded');
    expect((await read('a'))?.status.conditions?.map((c) => c.type)).toContain('Complete');
    expect((await create('a')).status).toBe(409);
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds', async () => {
    sim.setFaults('jobs', [{ type: 'job-pending', reason: 'ImagePullBackOff' }]);
    await create('slow', { activeDeadlineSeconds: 30 });
    now += 31_000;
    const failed = (await read('slow'))?.status.conditions?.find((c) => c.type === 'Failed');
    expect(failed?.reason).toBe('DeadlineExceeded');
    sim.setFaults('jobs', []);
  });

  it('deletes finished Jobs and their pods after ttlSecondsAfterFinished', async () => {
    await create('ttl', { ttlSecondsAfterFinished: 60 });
    now += 5_000;
    expect(await read('ttl')).toBeDefined();
    now += 60_000;
    expect(await read('ttl')).toBeUndefined();
    expect(await podsOf('ttl')).toHaveLength(0);
  });

  it('orphans pods when deleted without a propagation policy, like batch/v1', async () => {
    await create('orphan');
    const before = sim.stats('jobs');
    const del = await raw(sim, 'jobs', `${NS}/orphan`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(await podsOf('orphan')).toHaveLength(1);
    const after = sim.stats('jobs');
    expect(after.jobsDeleted).toBe(before.jobsDeleted + 1);
    expect(after.liveJobs).toBe(before.liveJobs - 1);
    expect(after.livePods).toBe(before.livePods);
  });
});
