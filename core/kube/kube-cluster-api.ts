import { isFleetcheckError } from '../errors.ts';
import type {
  CallOptions,
  ClusterApi,
  ExecOptions,
  ExecResult,
  JobSpec,
  JobStatus,
  PodInfo,
} from './cluster-api.ts';
import { runExec } from './exec-session.ts';
import { jobManifest } from './job-manifest.ts';
import { KubeReads, orNull } from './kube-reads.ts';
import { toJobStatus } from './map-objects.ts';

/** ClusterApi over @kubernetes/client-node 1.4 for one cluster: the reads plus exec, Jobs and logs. */
export class KubeClusterApi extends KubeReads implements ClusterApi {
  exec(
    namespace: string,
    pod: string,
    container: string,
    argv: string[],
    opts: ExecOptions,
  ): Promise<ExecResult> {
    return runExec(this.kc, this.runner, namespace, pod, container, argv, opts);
  }

  async createJob(spec: JobSpec, opts?: CallOptions): Promise<void> {
    const d = { verb: 'create', resource: 'jobs', namespace: spec.namespace, name: spec.name };
    const body = jobManifest(spec);
    const create = () =>
      this.runner.run(
        d,
        (o) => this.batch.createNamespacedJob({ namespace: spec.namespace, body }, o),
        opts?.signal,
        false,
      );
    // A 5xx on create is retried: the Job name is unique to this run, so "already exists" means an earlier attempt won.
    for (let attempt = 0; ; attempt++) {
      try {
        await create();
        return;
      } catch (err) {
        if (attempt > 0 && isFleetcheckError(err) && err.code === 'conflict') return;
        if (attempt >= 2 || !isFleetcheckError(err) || err.code !== 'server-error') throw err;
        await new Promise((res) => setTimeout(res, 200 * (attempt + 1)));
      }
    }
  }

  async getJob(namespace: string, name: string, opts?: CallOptions): Promise<JobStatus | null> {
    const j = await this.read(
      'jobs',
      namespace,
      name,
      (o) => this.batch.readNamespacedJob({ name, namespace }, o),
      opts?.signal,
    );
    return j && toJobStatus(j);
  }

  async listJobs(namespace: string, labelSelector: string, opts?: CallOptions): Promise<JobStatus[]> {
    const l = await this.runner.run(
      { verb: 'list', resource: 'jobs', namespace },
      (o) => this.batch.listNamespacedJob({ namespace, labelSelector }, o),
      opts?.signal,
    );
    return l.items.map(toJobStatus);
  }

  async deleteJob(namespace: string, name: string, opts?: CallOptions): Promise<void> {
    const d = { verb: 'delete', resource: 'jobs', namespace, name };
    await orNull(
      this.runner.run(
        d,
        (o) => this.batch.deleteNamespacedJob({ name, namespace, propagationPolicy: 'Background' }, o),
        opts?.signal,
      ),
    );
  }

  listJobPods(namespace: string, jobName: string, opts?: CallOptions): Promise<PodInfo[]> {
    return this.listPods(namespace, `job-name=${jobName}`, opts);
  }

  podLogs(namespace: string, pod: string, container: string, opts?: CallOptions): Promise<string> {
    const limitBytes = this.runner.limits.maxOutputBytes;
    return this.runner.run(
      { verb: 'get', resource: 'pods/log', namespace, name: pod },
      (o) => this.core.readNamespacedPodLog({ name: pod, namespace, container, limitBytes }, o),
      opts?.signal,
    );
  }
}
