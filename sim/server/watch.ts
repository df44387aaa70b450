import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterSim } from '../cluster/cluster-sim.ts';
import type { StoreEvent } from '../cluster/store.ts';
import type { KObject } from '../world/types.ts';
import type { ResourceInfo } from './resources.ts';
import { failure } from './status.ts';
import { toTable, wantsTable } from './table.ts';

export interface WatchRequest {
  resource: ResourceInfo;
  namespace?: string;
  match: (o: KObject) => boolean;
  query: URLSearchParams;
}

/** Streams watch events as JSON lines (each ending with `\n`) until the client goes away or timeoutSeconds. */
export function serveWatch(
  cluster: ClusterSim,
  req: IncomingMessage,
  res: ServerResponse,
  w: WatchRequest,
  track: (stop: () => void) => () => void,
): undefined {
  const table = wantsTable(req.headers.accept);
  const nowMs = () => cluster.clock();
  const inScope = (e: StoreEvent) =>
    e.resource === w.resource.name &&
    (w.namespace === undefined || e.obj.metadata.namespace === w.namespace) &&
    w.match(e.obj);
  const encode = (type: string, obj: KObject): string => {
    const object = table
      ? toTable(w.resource.name, [obj], obj.metadata.resourceVersion ?? '', nowMs())
      : {
          ...obj,
          kind: w.resource.kind,
          apiVersion: w.resource.group ? `${w.resource.group}/${w.resource.version}` : 'v1',
        };
    return `${JSON.stringify({ type, object })}\n`;
  };
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  const rvText = w.query.get('resourceVersion');
  const rv = rvText && rvText !== '0' ? Number(rvText) : undefined;
  if (rv === undefined || Number.isNaN(rv)) {
    for (const o of cluster.store.list(w.resource.name, w.namespace))
      if (w.match(o)) res.write(encode('ADDED', o));
  } else {
    const past = cluster.store.eventsSince(rv);
    if (!past) {
      res.write(
        `${JSON.stringify({ type: 'ERROR', object: { ...failure(410, `too old resource version: ${rv} (${cluster.store.resourceVersion})`), reason: 'Expired' } })}\n`,
      );
      res.end();
      return;
    }
    for (const e of past) if (inScope(e)) res.write(encode(e.type, e.obj));
  }
  const unsubscribe = cluster.store.subscribe((e) => {
    if (inScope(e)) res.write(encode(e.type, e.obj));
  });
  const timeout = Number(w.query.get('timeoutSeconds') ?? 0);
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    untrack();
    if (!res.writableEnded) res.end();
  };
  const untrack = track(stop);
  if (timeout > 0) timer = setTimeout(stop, timeout * 1000);
  req.on('close', stop);
  res.on('close', stop);
}
