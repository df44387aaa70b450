import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import type { WebSocketServer } from 'ws';
import type { ClusterSim } from '../cluster/cluster-sim.ts';
import { authorize, type Identity } from '../rbac/authorize.ts';
import { forbiddenStatus } from '../rbac/forbidden.ts';
import type { RbacPolicy } from '../rbac/policy.ts';
import { requestAttributes } from '../rbac/request-attributes.ts';
import { authenticate } from './authn.ts';
import { admitExec, refuseUpgrade, runExec } from './exec.ts';
import { execCreateDenied } from './exec-authz.ts';
import { ApiErrorCounter, requestDelayMs } from './guard.ts';
import { parseApiPath } from './paths.ts';
import { discovery } from './resources.ts';
import { handleRest, verbOf } from './rest.ts';
import { failure, type StatusBody, sendJson, sendStatus } from './status.ts';
import { versionInfo } from './version-info.ts';

export interface ApiServerOptions {
  cluster: ClusterSim;
  /** Bearer token → identity; everyone else is anonymous (no token) or 401 (unknown token). */
  tokens: ReadonlyMap<string, Identity>;
  /** What identities other than system:masters may do (deploy/rbac.yaml). */
  policy: RbacPolicy;
  /** PEM key + cert; absent = plain HTTP. */
  tls?: { key: string; cert: string };
  wss: WebSocketServer;
}

/** One fake kube-apiserver on 127.0.0.1 for one simulated cluster. */
export class ApiServer {
  port = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly streams = new Set<() => void>();
  private readonly errors = new ApiErrorCounter();
  private listening = false;

  constructor(private readonly o: ApiServerOptions) {
    const handler = (req: IncomingMessage, res: ServerResponse) => this.onRequest(req, res);
    this.server = o.tls
      ? createHttpsServer({ key: o.tls.key, cert: o.tls.cert }, handler)
      : createHttpServer(handler);
    this.server.keepAliveTimeout = 30_000;
    this.server.on(o.tls ? 'secureConnection' : 'connection', (s: Socket) => {
      o.cluster.stats.connection(s instanceof TLSSocket && s.isSessionReused());
      this.trackSocket(s);
    });
    if (o.tls) this.server.on('connection', (s: Socket) => this.trackSocket(s));
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.onUpgrade(req, socket, head),
    );
    this.server.on('clientError', (_err, socket) => socket.destroy());
  }

  get isListening(): boolean {
    return this.listening;
  }

  /** Starts listening (port 0 = a random free port; later calls reuse the first port). */
  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        const addr = this.server.address();
        if (addr && typeof addr === 'object') this.port = addr.port;
        this.listening = true;
        resolve();
      });
    });
  }

  /** Stops listening and drops every connection, stream and exec session (connection refused afterwards). */
  close(): Promise<void> {
    this.listening = false;
    for (const stop of [...this.streams]) stop();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  resetErrorCounters(): void {
    this.errors.reset();
  }

  private trackSocket(s: Socket): void {
    this.sockets.add(s);
    s.once('close', () => this.sockets.delete(s));
  }

  private track = (stop: () => void): (() => void) => {
    this.streams.add(stop);
    return () => this.streams.delete(stop);
  };

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(
        () => this.serve(req, res, Buffer.concat(chunks).toString('utf8')),
        requestDelayMs(this.o.cluster),
      );
    });
  }

  private serve(req: IncomingMessage, res: ServerResponse, body: string): undefined {
    const { cluster } = this.o;
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const api = parseApiPath(path);
    cluster.stats.request(
      api ? verbOf(req.method ?? 'GET', api, url.searchParams) : 'get',
      api ? (api.subresource ? `${api.resource}/${api.subresource}` : api.resource) : path,
    );
    const who = this.admit(req.method ?? 'GET', path, api, url.searchParams, req);
    if ('code' in who) return sendStatus(res, who);
    const injected = this.errors.check(cluster, path, who.user);
    if (injected) return sendStatus(res, injected.status, injected.headers);
    cluster.sync();
    try {
      if (path === '/version') return sendJson(res, 200, versionInfo(cluster.world.cluster));
      if (['/healthz', '/livez', '/readyz'].includes(path)) {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        return void res.end('ok');
      }
      const disc = discovery(path, `127.0.0.1:${this.port}`);
      if (disc) return sendJson(res, 200, disc);
      if (api)
        return handleRest({ cluster, req, res, path: api, query: url.searchParams, body, track: this.track });
      sendStatus(res, failure(404, 'the server could not find the requested resource'));
    } catch (err) {
      sendStatus(res, failure(500, `Internal error occurred: ${(err as Error).message}`));
    }
  }

  /** Authentication then RBAC, as the apiserver's filters do: the identity, or the 401/403 Status. */
  private admit(
    method: string,
    path: string,
    api: ReturnType<typeof parseApiPath>,
    query: URLSearchParams,
    req: IncomingMessage,
  ): Identity | StatusBody {
    const who = authenticate(req, this.o.tokens);
    if ('code' in who) return who;
    const attrs = requestAttributes(method, path, api, query);
    return authorize(this.o.policy, who, attrs) ? who : forbiddenStatus(who, attrs);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): undefined {
    const { cluster } = this.o;
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/.exec(url.pathname);
    cluster.stats.request('exec', 'pods/exec');
    const who = this.admit(
      req.method ?? 'GET',
      url.pathname,
      parseApiPath(url.pathname),
      url.searchParams,
      req,
    );
    if ('code' in who) return refuseUpgrade(socket, who);
    const injected = this.errors.check(cluster, url.pathname, who.user);
    if (injected) return refuseUpgrade(socket, injected.status);
    if (!m) return refuseUpgrade(socket, failure(404, 'the server could not find the requested resource'));
    setTimeout(() => {
      cluster.sync();
      const target = {
        ns: decodeURIComponent(m[1] ?? ''),
        pod: decodeURIComponent(m[2] ?? ''),
        query: url.searchParams,
      };
      const denied = execCreateDenied(cluster.world.cluster.kubernetesVersion, this.o.policy, who, target);
      if (denied) return refuseUpgrade(socket, denied);
      const ok = admitExec(cluster, target, who.user);
      if ('refuse' in ok) return refuseUpgrade(socket, ok.refuse);
      if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
        return refuseUpgrade(
          socket,
          failure(
            400,
            'Upgrade request required: only WebSocket (v5.channel.k8s.io, v4.channel.k8s.io) exec is supported by this server',
          ),
        );
      }
      this.o.wss.handleUpgrade(req, socket, head, (ws) =>
        runExec(cluster, ws, req, target, ok.container, this.track),
      );
    }, requestDelayMs(cluster));
  }
}
