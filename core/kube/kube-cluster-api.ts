import { BatchV1Api, CoreV1Api } from '@kubernetes/client-node';
import { isFleetcheckError } from '../errors.ts';
import { sleep } from '../time/timers.ts';
import type { CallOptions, ClusterApi, ExecOptions, ExecResult, JobSpec, PodInfo } from './cluster-api.ts';
import { runExec } from './exec-session.ts';
import { jobManifest } from './job-manifest.ts';
import { KubeReads, orNull } from './kube-reads.ts';

/** ClusterApi over @kubernetes/client-node 1.4 for one cluster: the reads plus exec, Job writes and logs. */
export class KubeClusterApi extends KubeReads implements ClusterApi {
  private batchApi?: BatchV1Api;
  private coreApi?: CoreV1Api;

  private get batch(): BatchV1Api {
    this.batchApi ??= this.kc.makeApiClient(BatchV1Api);
    return this.batchApi;
  }

  private get core(): CoreV1Api {
    this.coreApi ??= this.kc.makeApiClient(CoreV1Api);
    return this.coreApi;
  }

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
        await sleep(200 * (attempt + 1));
      }
    }
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
