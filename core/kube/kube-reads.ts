import {
  AppsV1Api,
  BatchV1Api,
  type ConfigurationOptions,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  VersionApi,
} from '@kubernetes/client-node';
import { isFleetcheckError } from '../errors.ts';
import { CallRunner } from './call-runner.ts';
import { parseCiliumEndpoints } from './cilium-endpoints.ts';
import type { CallOptions, CiliumEndpointInfo, NodeInfo, PodInfo, WorkloadStatus } from './cluster-api.ts';
import { keepAliveAgent } from './keep-alive-agent.ts';
import type { KubeLimits } from './limits.ts';
import { daemonSetStatus, deploymentStatus, secretData, toNodeInfo, toPodInfo } from './map-objects.ts';
import { RateLimiter } from './rate-limiter.ts';

/** The result, or null when the call failed with not-found (404). */
export async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (isFleetcheckError(err, 'not-found')) return null;
    throw err;
  }
}

/** The read side of ClusterApi over @kubernetes/client-node 1.4 (lists and gets of the kinds checks read). */
export class KubeReads {
  readonly runner: CallRunner;
  protected readonly core: CoreV1Api;
  private readonly apps: AppsV1Api;
  protected readonly batch: BatchV1Api;
  private readonly custom: CustomObjectsApi;
  private readonly version: VersionApi;

  constructor(
    readonly cluster: string,
    protected readonly kc: KubeConfig,
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

  /** GET of one namespaced object; null on 404. */
  protected read<T>(
    resource: string,
    namespace: string,
    name: string,
    fn: (o: ConfigurationOptions) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T | null> {
    return orNull(this.runner.run({ verb: 'get', resource, namespace, name }, fn, signal));
  }

  async getDaemonSet(namespace: string, name: string, opts?: CallOptions): Promise<WorkloadStatus | null> {
    const ds = await this.read(
      'daemonsets',
      namespace,
      name,
      (o) => this.apps.readNamespacedDaemonSet({ name, namespace }, o),
      opts?.signal,
    );
    return ds && daemonSetStatus(ds);
  }

  async getDeployment(namespace: string, name: string, opts?: CallOptions): Promise<WorkloadStatus | null> {
    const d = await this.read(
      'deployments',
      namespace,
      name,
      (o) => this.apps.readNamespacedDeployment({ name, namespace }, o),
      opts?.signal,
    );
    return d && deploymentStatus(d);
  }

  async getConfigMap(
    namespace: string,
    name: string,
    opts?: CallOptions,
  ): Promise<Record<string, string> | null> {
    const cm = await this.read(
      'configmaps',
      namespace,
      name,
      (o) => this.core.readNamespacedConfigMap({ name, namespace }, o),
      opts?.signal,
    );
    return cm && (cm.data ?? {});
  }

  async getSecret(
    namespace: string,
    name: string,
    opts?: CallOptions,
  ): Promise<Record<string, string> | null> {
    const s = await this.read(
      'secrets',
      namespace,
      name,
      (o) => this.core.readNamespacedSecret({ name, namespace }, o),
      opts?.signal,
    );
    return s && secretData(s);
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
}
