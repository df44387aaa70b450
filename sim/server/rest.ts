import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterSim } from '../cluster/cluster-sim.ts';
import type { KObject } from '../world/types.ts';
import { injectedEndpointList } from './injected-endpoints.ts';
import { podLogs } from './logs.ts';
import { listPage } from './pagination.ts';
import type { ApiPath } from './paths.ts';
import { findResource, type ResourceInfo } from './resources.ts';
import { SelectorError, selectorPredicate } from './selectors.ts';
import { failure, notFound, sendJson, sendStatus } from './status.ts';
import { toTable, wantsTable } from './table.ts';
import { serveWatch } from './watch.ts';

export interface RestContext {
  cluster: ClusterSim;
  req: IncomingMessage;
  res: ServerResponse;
  path: ApiPath;
  query: URLSearchParams;
  body: string;
  /** Registers a long-running stream to stop on shutdown; returns the unregister function. */
  track: (stop: () => void) => () => void;
}

const apiVersionOf = (r: ResourceInfo) => (r.group ? `${r.group}/${r.version}` : r.version);

/** Verb + resource for counters, e.g. `list pods`, `get pods/log`. */
export function verbOf(method: string, path: ApiPath, query: URLSearchParams): string {
  if (method === 'POST') return 'create';
  if (method === 'DELETE') return 'delete';
  if (method === 'GET' && (query.get('watch') === 'true' || query.get('watch') === '1')) return 'watch';
  return path.name ? 'get' : 'list';
}

/** Built-in kinds' list items carry no kind/apiVersion (kube-apiserver); custom resources' do. */
function withoutKind(o: KObject): KObject {
  const {
    kind: _kind,
    apiVersion: _apiVersion,
    ...rest
  } = o as KObject & { kind?: string; apiVersion?: string };
  return rest as KObject;
}

function withKind(r: ResourceInfo, o: KObject): KObject {
  return { ...o, kind: r.kind, apiVersion: apiVersionOf(r) };
}

/** Serves one REST request on a resource path. */
export function handleRest(ctx: RestContext): undefined {
  const { cluster, req, res, path, query } = ctx;
  const r = findResource(path.group, path.version, path.resource);
  if (!r || (r.namespaced === false && path.namespace)) {
    sendStatus(res, failure(404, 'the server could not find the requested resource'));
    return;
  }
  const ns = r.namespaced ? path.namespace : undefined;
  const qualified = r.group ? `${r.name}.${r.group}` : r.name;
  if (req.method === 'GET' && !path.name) {
    let match: (o: KObject) => boolean;
    try {
      match = selectorPredicate(
        r.name,
        query.get('labelSelector'),
        query.get('fieldSelector'),
        cluster.world.cluster.kubernetesVersion,
      );
    } catch (err) {
      if (err instanceof SelectorError) return sendStatus(res, failure(400, err.message));
      throw err;
    }
    if (query.get('watch') === 'true' || query.get('watch') === '1')
      return serveWatch(cluster, req, res, { resource: r, namespace: ns, match, query }, ctx.track);
    const injected = wantsTable(req.headers.accept) ? undefined : injectedEndpointList(cluster, r.name);
    if (injected !== undefined) {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(injected),
      });
      res.end(injected);
      return;
    }
    const filtered = !!(query.get('labelSelector') || query.get('fieldSelector'));
    const page = listPage(
      cluster.store.list(r.name, ns).filter(match),
      query,
      cluster.store.resourceVersion,
      {
        inNamespace: !!ns,
        filtered,
      },
    );
    if ('error' in page) return sendStatus(res, page.error);
    const metadata = {
      resourceVersion: page.resourceVersion,
      ...(page.continue ? { continue: page.continue } : {}),
      ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}),
    };
    if (wantsTable(req.headers.accept))
      return sendJson(res, 200, {
        ...toTable(r.name, page.items, page.resourceVersion, cluster.clock()),
        metadata,
      });
    return sendJson(res, 200, {
      kind: `${r.kind}List`,
      apiVersion: apiVersionOf(r),
      metadata,
      items: page.items.map((o) => (r.group === 'cilium.io' ? withKind(r, o) : withoutKind(o))),
    });
  }
  if (req.method === 'GET' && path.name) {
    const obj = cluster.store.get(r.name, ns, path.name);
    if (!obj) return sendStatus(res, notFound(r.name, path.name, r.group));
    if (path.subresource === 'log' && r.name === 'pods') {
      const out = podLogs(cluster, obj, query.get('container'));
      if ('error' in out) return sendStatus(res, out.error);
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(out.text) });
      res.end(out.text);
      return;
    }
    if (path.subresource && path.subresource !== 'status')
      return sendStatus(res, failure(404, 'the server could not find the requested resource'));
    if (wantsTable(req.headers.accept))
      return sendJson(res, 200, toTable(r.name, [obj], obj.metadata.resourceVersion ?? '', cluster.clock()));
    return sendJson(res, 200, withKind(r, obj));
  }
  if (req.method === 'POST' && !path.name && r.name === 'jobs' && ns) return createJob(ctx, r, ns);
  if (req.method === 'DELETE' && path.name && r.name === 'jobs' && ns) {
    let policy = query.get('propagationPolicy') ?? undefined;
    if (ctx.body.trim()) {
      try {
        policy = (JSON.parse(ctx.body) as { propagationPolicy?: string }).propagationPolicy ?? policy;
      } catch {
        return sendStatus(res, failure(400, 'invalid DeleteOptions body'));
      }
    }
    const gone = cluster.jobs.delete(ns, path.name, policy);
    if (!gone) return sendStatus(res, notFound(r.name, path.name, r.group));
    return sendJson(res, 200, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: path.name, group: r.group, kind: r.name, uid: gone.metadata.uid },
    });
  }
  sendStatus(
    res,
    failure(
      405,
      `the server does not allow this method on the requested resource (${req.method} ${qualified})`,
    ),
  );
}

function createJob(ctx: RestContext, r: ResourceInfo, ns: string): undefined {
  const { cluster, req, res } = ctx;
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('json'))
    return sendStatus(
      res,
      failure(
        415,
        `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
      ),
    );
  let body: KObject;
  try {
    body = JSON.parse(ctx.body) as KObject;
  } catch (err) {
    return sendStatus(res, failure(400, `error decoding request body: ${(err as Error).message}`));
  }
  const meta = body?.metadata ?? ({} as KObject['metadata']);
  const name =
    meta.name ?? (meta as { generateName?: string }).generateName?.concat(cluster.world.rng.suffix(5));
  const containers = body?.spec?.template?.spec?.containers;
  if (!name || !Array.isArray(containers) || containers.length === 0) {
    return sendStatus(
      res,
      failure(422, `Job.batch "${name ?? ''}" is invalid: spec.template.spec.containers: Required value`, {
        name: name ?? '',
        group: 'batch',
        kind: 'Job',
      }),
    );
  }
  if (meta.namespace && meta.namespace !== ns)
    return sendStatus(
      res,
      failure(400, 'the namespace of the provided object does not match the namespace sent on the request'),
    );
  if (!cluster.store.get('namespaces', undefined, ns)) return sendStatus(res, notFound('namespaces', ns));
  if (cluster.jobs.has(ns, name) || cluster.store.get('jobs', ns, name))
    return sendStatus(
      res,
      failure(409, `jobs.batch "${name}" already exists`, { name, group: 'batch', kind: 'jobs' }),
    );
  if (ctx.query.get('dryRun') === 'All')
    return sendJson(res, 201, withKind(r, { ...body, metadata: { ...meta, name, namespace: ns } }));
  cluster.stats.jobsCreated++;
  const created = cluster.jobs.create(
    ns,
    { ...body, metadata: { ...meta, name, namespace: ns } },
    cluster.clock(),
  );
  sendJson(res, 201, withKind(r, created));
}
