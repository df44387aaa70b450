import type { V1DaemonSet, V1Deployment, V1Job, V1Node, V1Pod, V1Secret } from '@kubernetes/client-node';
import { isFleetcheckError } from '../errors.ts';
import { CallRunner } from './call-runner.ts';
import { parseCiliumEndpoint, parseListPage } from './cilium-endpoints.ts';
import type {
  CallOptions,
  CiliumEndpointSummary,
  JobStatus,
  NodeInfo,
  PodInfo,
  WorkloadStatus,
} from './cluster-api.ts';
import { EndpointTally } from './endpoint-tally.ts';
import { ClusterAgents } from './keep-alive-agent.ts';
import type { KubeAccess } from './kube-access.ts';
import type { KubeLimits } from './limits.ts';
import {
  daemonSetStatus,
  deploymentStatus,
  secretData,
  toJobStatus,
  toNodeInfo,
  toPodInfo,
} from './map-objects.ts';
import { RateLimiter } from './rate-limiter.ts';
import { apiUrl, type RawRequest, requestJson } from './raw-get.ts';

/** The result, or null when the call failed with not-found (404). */
export async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (isFleetcheckError(err, 'not-found')) return null;
    throw err;
  }
}

type Query = Record<string, string | undefined>;

/**
 * The read side of ClusterApi: plain JSON GETs with the kubeconfig's TLS and credentials over the cluster's
 * keep-alive agent (client-node's model types only, no deserialisation), lists read page by page (`limit` / `continue`).
 * Raw objects are mapped by map-objects.ts, whose readers accept timestamps as the RFC 3339 strings of the wire.
 */
export class KubeReads {
  readonly runner: CallRunner;
  protected readonly agents: ClusterAgents;
  protected readonly server: string;

  constructor(
    readonly cluster: string,
    protected readonly access: KubeAccess,
    limits: KubeLimits,
  ) {
    const limiter = new RateLimiter(limits.requestsPerSecond, limits.burst);
    this.agents = new ClusterAgents(access);
    this.runner = new CallRunner(cluster, limits, limiter);
    this.server = access.server;
  }

  /** Releases the kept-alive connections (requests still in flight finish first). */
  close(): void {
    this.agents.release();
  }

  protected get(
    path: string,
    query: Query | undefined,
    signal: AbortSignal,
    req?: RawRequest,
  ): Promise<unknown> {
    return requestJson(this.access, this.agents, apiUrl(this.server, path, query), signal, req);
  }

  protected url(path: string, query?: Query): URL {
    return apiUrl(this.server, path, query);
  }

  /** GET of one object; null on 404. */
  protected async read<T>(
    resource: string,
    path: string,
    namespace: string | undefined,
    name: string,
    opts?: CallOptions,
  ): Promise<T | null> {
    const d = { verb: 'get', resource, name, ...(namespace ? { namespace } : {}) };
    return orNull(this.runner.run(d, (s) => this.get(path, undefined, s) as Promise<T>, opts));
  }

  /** Every item of a list, page by page; `onItem` sees each raw item once and nothing is kept here. */
  protected async eachItem(
    resource: string,
    path: string,
    namespace: string | undefined,
    query: Query,
    onItem: (item: unknown) => void,
    opts?: CallOptions,
  ): Promise<void> {
    const d = { verb: 'list', resource, ...(namespace ? { namespace } : {}) };
    let cont = '';
    do {
      const q = { ...query, limit: String(this.runner.limits.listPageSize), continue: cont };
      const page = parseListPage(await this.runner.run(d, (s) => this.get(path, q, s), opts), resource);
      for (const item of page.items) if (item !== null && typeof item === 'object') onItem(item);
      cont = page.continueToken;
    } while (cont !== '');
  }

  protected async list<T>(
    resource: string,
    path: string,
    namespace: string | undefined,
    query: Query,
    map: (item: unknown) => T,
    opts?: CallOptions,
  ): Promise<T[]> {
    const out: T[] = [];
    await this.eachItem(resource, path, namespace, query, (i) => out.push(map(i)), opts);
    return out;
  }

  async serverVersion(opts?: CallOptions): Promise<{ gitVersion: string }> {
    const v = await this.runner.run(
      { verb: 'get', resource: 'version' },
      (s) => this.get('/version', undefined, s),
      opts,
    );
    return { gitVersion: String((v as { gitVersion?: unknown } | null)?.gitVersion ?? '') };
  }

  listNodes(opts?: CallOptions): Promise<NodeInfo[]> {
    return this.list('nodes', '/api/v1/nodes', undefined, {}, (n) => toNodeInfo(n as V1Node), opts);
  }

  listPods(namespace: string, labelSelector?: string, opts?: CallOptions): Promise<PodInfo[]> {
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
    return this.list('pods', path, namespace, { labelSelector }, (p) => toPodInfo(p as V1Pod), opts);
  }

  async getDaemonSet(namespace: string, name: string, opts?: CallOptions): Promise<WorkloadStatus | null> {
    const path = `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/daemonsets/${encodeURIComponent(name)}`;
    const ds = await this.read<V1DaemonSet>('daemonsets', path, namespace, name, opts);
    return ds && daemonSetStatus(ds);
  }

  async getDeployment(namespace: string, name: string, opts?: CallOptions): Promise<WorkloadStatus | null> {
    const path = `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments/${encodeURIComponent(name)}`;
    const d = await this.read<V1Deployment>('deployments', path, namespace, name, opts);
    return d && deploymentStatus(d);
  }

  async getConfigMap(
    namespace: string,
    name: string,
    opts?: CallOptions,
  ): Promise<Record<string, string> | null> {
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps/${encodeURIComponent(name)}`;
    const cm = await this.read<{ data?: Record<string, string> }>('configmaps', path, namespace, name, opts);
    return cm && { ...(cm.data ?? {}) };
  }

  async getSecret(
    namespace: string,
    name: string,
    opts?: CallOptions,
  ): Promise<Record<string, string> | null> {
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${encodeURIComponent(name)}`;
    const s = await this.read<V1Secret>('secrets', path, namespace, name, opts);
    return s && secretData(s);
  }

  async namespaceExists(name: string, opts?: CallOptions): Promise<boolean> {
    const path = `/api/v1/namespaces/${encodeURIComponent(name)}`;
    return (await this.read('namespaces', path, undefined, name, opts)) !== null;
  }

  async summarizeCiliumEndpoints(
    opts?: CallOptions & { sampleSize?: number },
  ): Promise<CiliumEndpointSummary> {
    const tally = new EndpointTally(opts?.sampleSize);
    await this.eachItem(
      'ciliumendpoints.cilium.io',
      '/apis/cilium.io/v2/ciliumendpoints',
      undefined,
      {},
      (item) => {
        const e = parseCiliumEndpoint(item);
        if (e) tally.add(e);
      },
      opts,
    );
    return tally.summary();
  }

  async getJob(namespace: string, name: string, opts?: CallOptions): Promise<JobStatus | null> {
    const path = `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/jobs/${encodeURIComponent(name)}`;
    const j = await this.read<V1Job>('jobs', path, namespace, name, opts);
    return j && toJobStatus(j);
  }

  listJobs(namespace: string, labelSelector: string, opts?: CallOptions): Promise<JobStatus[]> {
    const path = `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/jobs`;
    return this.list('jobs', path, namespace, { labelSelector }, (j) => toJobStatus(j as V1Job), opts);
  }
}
