import { expect, it } from 'vitest';
import { probeContainers, probeJobSpec } from '../../core/checks/probe-job-spec.ts';
import type { ClusterApi, JobSpec, JobStatus, PodInfo } from '../../core/kube/cluster-api.ts';
import type { ControlPlane } from './control-plane.ts';
import { clusterApiAs } from './fleetcheck-run.ts';
import { kubeRequest } from './kube-http.ts';
import { waitFor } from './processes.ts';
import { serviceAccountToken } from './service-account.ts';

const NS = 'fleetcheck-probe';
/** Long enough for the Job controller to have made a replacement pod, had it wanted one. */
const SETTLE_MS = 4000;

/**
 * The kubelet's part, which this control plane has no kubelet for: the pod's status written through the API
 * (as the kubelet does, `pods/status`), its probe containers terminated with `exitCode`.
 */
async function endPod(cp: ControlPlane, pod: PodInfo, exitCode: number): Promise<void> {
  const at = new Date().toISOString();
  const res = await kubeRequest(
    cp,
    cp.adminToken,
    'PATCH',
    `/api/v1/namespaces/${NS}/pods/${pod.name}/status`,
    {
      status: {
        phase: exitCode === 0 ? 'Succeeded' : 'Failed',
        containerStatuses: pod.containers.map((c) => ({
          name: c.name,
          image: c.image,
          imageID: '',
          ready: false,
          restartCount: 0,
          state: {
            terminated: {
              exitCode,
              reason: exitCode === 0 ? 'Completed' : 'Error',
              startedAt: at,
              finishedAt: at,
            },
          },
        })),
      },
    },
    { 'Content-Type': 'application/merge-patch+json' },
  );
  expect(res.status, res.text).toBe(200);
}

/** fleetcheck's probe Job, created as fleetcheck creates it (its ServiceAccount, its manifest), and its first pod. */
async function createProbe(api: ClusterApi): Promise<{ spec: JobSpec; pod: PodInfo }> {
  const spec = probeJobSpec(NS, probeContainers([], 'cluster.local'));
  await api.createJob(spec);
  let pods: PodInfo[] = [];
  await waitFor(
    `the Job controller to create ${spec.name}'s pod`,
    async () => {
      pods = await api.listJobPods(NS, spec.name);
      return pods.length > 0;
    },
    30_000,
  );
  return { spec, pod: pods[0]! };
}

async function jobEnd(api: ClusterApi, name: string): Promise<JobStatus> {
  let job: JobStatus | null = null;
  const ended = (j: JobStatus | null) =>
    j?.conditions.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') ?? false;
  await waitFor(
    `Job ${name} to end`,
    async () => {
      job = await api.getJob(NS, name);
      return ended(job);
    },
    30_000,
  );
  return job!;
}

/**
 * What fleetcheck's probe polling relies on (core/checks/probe-job.ts): with `backoffLimit: 0` and
 * `restartPolicy: Never`, the real Job controller ends the Job with its one pod and never makes another, so a
 * pod seen Succeeded/Failed ends the probe without reading the Job; a Job whose pods are gone has ended.
 */
export function jobControllerChecks(getCp: () => ControlPlane): void {
  const apiOf = async () => clusterApiAs(getCp(), await serviceAccountToken(getCp()));
  const settled = async (api: ClusterApi, name: string) => {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return api.listJobPods(NS, name);
  };

  it.each([
    { exitCode: 1, condition: 'Failed', reason: 'BackoffLimitExceeded', phase: 'Failed' },
    { exitCode: 0, condition: 'Complete', reason: undefined, phase: 'Succeeded' },
  ])(
    'a pod that ends with exit code $exitCode ends the Job ($condition) and no other pod is made',
    async ({ exitCode, condition, reason, phase }) => {
      const api = await apiOf();
      const { spec, pod } = await createProbe(api);
      try {
        await endPod(getCp(), pod, exitCode);
        const job = await jobEnd(api, spec.name);
        expect(job.conditions).toContainEqual(
          expect.objectContaining({ type: condition, status: 'True', ...(reason ? { reason } : {}) }),
        );
        const pods = await settled(api, spec.name);
        expect(pods.map((p) => [p.name, p.phase])).toEqual([[pod.name, phase]]);
        expect(pods[0]?.containers.every((c) => c.state === 'terminated' && c.exitCode === exitCode)).toBe(
          true,
        );
      } finally {
        await api.deleteJob(NS, spec.name);
      }
    },
  );

  it('a pod deleted before it ends fails the Job: no replacement, and the Job says it ended', async () => {
    const api = await apiOf();
    const { spec, pod } = await createProbe(api);
    try {
      const cp = getCp();
      const del = await kubeRequest(
        cp,
        cp.adminToken,
        'DELETE',
        `/api/v1/namespaces/${NS}/pods/${pod.name}`,
        {
          gracePeriodSeconds: 0,
        },
      );
      expect(del.status, del.text).toBe(200);
      const job = await jobEnd(api, spec.name);
      expect(job.conditions).toContainEqual(expect.objectContaining({ type: 'Failed', status: 'True' }));
      expect((await settled(api, spec.name)).filter((p) => p.name !== pod.name)).toEqual([]);
    } finally {
      await api.deleteJob(NS, spec.name);
    }
  });
}
