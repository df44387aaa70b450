import http from 'node:http';
import { createSecureContext } from 'node:tls';
import type { ClientCert, KubeAccess } from './kube-access.ts';
import { ResumingAgent } from './resuming-agent.ts';

/** Idle sockets are closed before a typical API server's 5 s keep-alive timeout can race a reuse. */
const IDLE_MS = 4_000;

function agentWith(
  access: KubeAccess,
  cert?: string | Buffer,
  key?: string | Buffer,
): http.Agent | undefined {
  const common = { keepAlive: true, maxSockets: 16, timeout: IDLE_MS };
  const { tls } = access;
  if (access.server.startsWith('http:')) return tls.rejectUnauthorized ? undefined : new http.Agent(common);
  const secureContext = createSecureContext({
    ...(tls.ca ? { ca: tls.ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
  });
  return new ResumingAgent({
    ...common,
    secureContext,
    ...(tls.rejectUnauthorized ? {} : { rejectUnauthorized: false }),
    ...(tls.servername ? { servername: tls.servername } : {}),
  });
}

/**
 * Lets `agent` go: idle sockets are closed now, busy ones as soon as their request ends (nothing in flight
 * is cut off, e.g. a probe Job's clean-up).
 */
function releaseAgent(agent: http.Agent): void {
  agent.on('free', (socket) => socket.destroy());
  for (const list of Object.values(agent.freeSockets)) for (const s of list ?? []) s.destroy();
}

/**
 * The keep-alive agents of one cluster, so REST calls reuse TLS connections. Each holds one TLS context (CA and
 * client certificate parsed once) for all its connections, exec WebSockets included, and resumes TLS sessions; a
 * request's options then carry no TLS material (an agent keys its pool by every CA/cert/key byte in them). A
 * client certificate from the credentials (an exec plugin's, which can rotate) gets an agent of its own; the one
 * it replaces is let go. No agent for proxied clusters (client-node's proxy agent serves them) or for plain http
 * without insecure-skip-tls-verify (refused when a request is made).
 */
export class ClusterAgents {
  private readonly base: http.Agent | undefined;
  private plugin: { cert: string | Buffer; key: string | Buffer; agent: http.Agent | undefined } | undefined;

  constructor(private readonly access: KubeAccess) {
    this.base = access.proxyUrl ? undefined : agentWith(access, access.tls.cert, access.tls.key);
  }

  /** The agent a request presenting `client` goes through; undefined = none (set TLS on the request). */
  for(client: ClientCert): http.Agent | undefined {
    if (this.access.proxyUrl) return undefined;
    const { cert, key } = client;
    if (!cert || !key) return this.base;
    const p = this.plugin;
    if (p && sameBytes(p.cert, cert) && sameBytes(p.key, key)) return p.agent;
    if (p?.agent) releaseAgent(p.agent);
    this.plugin = { cert, key, agent: agentWith(this.access, cert, key) };
    return this.plugin.agent;
  }

  /** Releases the kept-alive connections (requests still in flight finish first). */
  release(): void {
    if (this.base) releaseAgent(this.base);
    if (this.plugin?.agent) releaseAgent(this.plugin.agent);
  }
}

function sameBytes(a: string | Buffer, b: string | Buffer): boolean {
  if (a === b) return true;
  return Buffer.from(a).equals(Buffer.from(b));
}
