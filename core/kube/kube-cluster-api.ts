import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  VersionApi,
} from '@kubernetes/client-node';
import { isFleetcheckError } from '../errors.ts';
import { CallRunner } from './call-runner.ts';
import { parseCiliumEndpoints } from './cilium-endpoints.ts';
import type {
  CallOptions,
  CiliumEndpointInfo,
  ClusterApi,
  ExecOptions,
  ExecResult,
  JobSpec,
  JobStatus,
  NodeInfo,
  PodInfo,
  WorkloadStatus,
} from './cluster-api.ts';
import { runExec } from './exec-session.ts';
import { jobManifest } from './job-manifest.ts';
import { keepAliveAgent } from './keep-alive-agent.ts';
import type { KubeLimits } from './limits.ts';
import { daemonSetStatus, deploymentStatus, toJobStatus, toNodeInfo, toPodInfo } from './map-objects.ts';
import { RateLimiter } from './rate-limiter.ts';

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (isFleetcheckError(err, 'not-found')) return null;
    throw err;
  }
}

/** ClusterApi over @kubernetes/client-node 1.4 for one cluster (one KubeConfig context). */
export class KubeClusterApi implements ClusterApi {
  readonly runner: CallRunner;
  private readonly core: CoreV1Api;
  private readonly apps: AppsV1Api;
  private readonly batch: BatchV1Api;
  private readonly custom: CustomObjectsApi;
  private readonly version: VersionApi;

  constructor(
    readonly cluster: string,
    private readonly kc: KubeConfig,
    limits: KubeLimits,
  ) {
    const limiter = new RateLimiter(limits.requestsPerSecond, limits.burst);
    this.runner = new CallRunner(cluster, limits, limiter, keepAliveAgent(kc));
    this.core = kc.makeApiClient(CoreV1Api);
    this.apps = kc.makeApiClient(AppsV1Api);
    this.batch = kc.makeApiClient(BatchV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.version = kc.makeApiClient(VersionApi);
  }

  async serverVersion(opts?: CallOptions): Promise<{ gitVersion: string }> {
    const v = await this.runner.run(
      { verb: 'get', resource: 'version' },
      (o) => this.version.getCode({}, o),
      opts?.signal,
    );
    return { gitVersion: v.gitVersion };
  }

  async listNodes(opts?: CallOptions): Promise<NodeInfo[]> {
    const l = await this.runner.run(
      { verb: 'list', resource: 'nodes' },
      (o) => this.core.listNode({}, o),
      opts?.signal,
    );
    return l.items.map(toNodeInfo);
  }

  async listPods(namespace: string, labelSelector?: string, opts?: CallOptions): Promise<PodInfo[]> {
    const l = await this.runner.run(
      { verb: 'list', resource: 'pods', namespace },
      (o) => this.core.listNamespacedPod({ namespace, ...(labelSelector ? { labelSelector } : {}) }, o),
      opts?.signal,
    );
    return l.items.map(toPodInfo);
  }

  getDaemonSet(namespace: string, name: string, opts?: CallOptions): Promise<WorkloadStatus | null> {
    const d = { verb: 'get', resource: 'daemonsets', namespace, name };
    return orNull(
      this.runner
        .run(d, (o) => this.apps.readNamespacedDaemonSet({ name, namespace }, o), opts?.signal)
        .then(daemonSetStatus),
    );
  }

  getDeployment(namespace: string, name: string, opts?: CallOptions): Promise<WorkloadStatus | null> {
    const d = { verb: 'get', resource: 'deployments', namespace, name };
    return orNull(
      this.runner
        .run(d, (o) => this.apps.readNamespacedDeployment({ name, namespace }, o), opts?.signal)
        .then(deploymentStatus),
    );
  }

  getConfigMap(namespace: string, name: string, opts?: CallOptions): Promise<Record<string, string> | null> {
    const d = { verb: 'get', resource: 'configmaps', namespace, name };
    return orNull(
      this.runner
        .run(d, (o) => this.core.readNamespacedConfigMap({ name, namespace }, o), opts?.signal)
        .then((cm) => cm.data ?? {}),
    );
  }

  getSecret(namespace: string, name: string, opts?: CallOptions): Promise<Record<string, string> | null> {
    const d = { verb: 'get', resource: 'secrets', namespace, name };
    return orNull(
      this.runner
        .run(d, (o) => this.core.readNamespacedSecret({ name, namespace }, o), opts?.signal)
        .then((s) => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(s.data ?? {}))
            out[k] = Buffer.from(v, 'base64').toString('utf8');
          for (const [k, v] of Object.entries(s.stringData ?? {})) out[k] = v;
          return out;
        }),
    );
  }

  async namespaceExists(name: string, opts?: CallOptions): Promise<boolean> {
    const d = { verb: 'get', resource: 'namespaces', name };
    const ns = await orNull(this.runner.run(d, (o) => this.core.readNamespace({ name }, o), opts?.signal));
    return ns !== null;
  }

  async listCiliumEndpoints(opts?: CallOptions): Promise<CiliumEndpointInfo[]> {
    const body: unknown = await this.runner.run(
      { verb: 'list', resource: 'ciliumendpoints.cilium.io' },
      (o) =>
        this.custom.listClusterCustomObject(
          { group: 'cilium.io', version: 'v2', plural: 'ciliumendpoints' },
          o,
        ),
      opts?.signal,
    );
    return parseCiliumEndpoints(body);
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
    await this.runner.run(
      d,
      (o) => this.batch.createNamespacedJob({ namespace: spec.namespace, body }, o),
      opts?.signal,
      false,
    );
  }

  getJob(namespace: string, name: string, opts?: CallOptions): Promise<JobStatus | null> {
    const d = { verb: 'get', resource: 'jobs', namespace, name };
    return orNull(
      this.runner
        .run(d, (o) => this.batch.readNamespacedJob({ name, namespace }, o), opts?.signal)
        .then(toJobStatus),
    );
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
