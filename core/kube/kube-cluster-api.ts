import { isFleetcheckError } from '../errors.ts';
import { sleep } from '../time/timers.ts';
import type { CallOptions, ClusterApi, ExecOptions, ExecResult, JobSpec, PodInfo } from './cluster-api.ts';
import { execForbidden } from './exec-forbidden.ts';
import { runExec } from './exec-session.ts';
import { jobManifest } from './job-manifest.ts';
import { KubeReads, orNull } from './kube-reads.ts';
import { requestText } from './raw-get.ts';

const jobsPath = (namespace: string) => `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/jobs`;

/** ClusterApi for one cluster: the reads plus exec (our WebSocket channel-protocol client), Job writes and logs. */
export class KubeClusterApi extends KubeReads implements ClusterApi {
  async exec(
    namespace: string,
    pod: string,
    container: string,
    argv: string[],
    opts: ExecOptions,
  ): Promise<ExecResult> {
    try {
      const target = { access: this.access, agents: this.agents, server: this.server };
      return await runExec(target, this.runner, namespace, pod, container, argv, opts);
    } catch (err) {
      if (!isFleetcheckError(err, 'access-denied') || err.context['status'] !== 403) throw err;
      const version = await this.serverVersion({ signal: opts.signal }).catch(() => undefined);
      throw execForbidden(err, version?.gitVersion);
    }
  }

  async createJob(spec: JobSpec, opts?: CallOptions): Promise<void> {
    const d = { verb: 'create', resource: 'jobs', namespace: spec.namespace, name: spec.name };
    const body = jobManifest(spec);
    const create = () =>
      this.runner.run(
        d,
        (s) => this.get(jobsPath(spec.namespace), undefined, s, { method: 'POST', body }),
        opts,
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
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' };
    const path = `${jobsPath(namespace)}/${encodeURIComponent(name)}`;
    await orNull(this.runner.run(d, (s) => this.get(path, undefined, s, { method: 'DELETE', body }), opts));
  }

  listJobPods(namespace: string, jobName: string, opts?: CallOptions): Promise<PodInfo[]> {
    return this.listPods(namespace, `job-name=${jobName}`, opts);
  }

  podLogs(namespace: string, pod: string, container: string, opts?: CallOptions): Promise<string> {
    const limitBytes = String(this.runner.limits.maxOutputBytes);
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
    return this.runner.run(
      { verb: 'get', resource: 'pods/log', namespace, name: pod },
      (s) => requestText(this.access, this.agents, this.url(path, { container, limitBytes }), s),
      opts,
    );
  }
}
