import http from 'node:http';
import https from 'node:https';
import { createSecureContext } from 'node:tls';
import type { KubeAccess } from './kube-access.ts';

/** Idle sockets are closed before a typical API server's 5 s keep-alive timeout can race a reuse. */
const IDLE_MS = 4_000;

/**
 * One keep-alive agent per cluster, so REST calls reuse TLS connections. Its one TLS context (CA, client cert
 * and key parsed once) serves every connection, exec WebSockets included, and the agent's session cache lets them
 * resume TLS sessions. undefined for proxied clusters (client-node's proxy agent serves them) and for plain
 * http without insecure-skip-tls-verify (refused when a request is made).
 */
export function keepAliveAgent(access: KubeAccess): http.Agent | undefined {
  if (access.proxyUrl) return undefined;
  const common = { keepAlive: true, maxSockets: 16, timeout: IDLE_MS };
  const { tls } = access;
  if (access.server.startsWith('http:')) return tls.rejectUnauthorized ? undefined : new http.Agent(common);
  const secureContext = createSecureContext({
    ...(tls.ca ? { ca: tls.ca } : {}),
    ...(tls.cert ? { cert: tls.cert } : {}),
    ...(tls.key ? { key: tls.key } : {}),
  });
  return new https.Agent({
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
export function releaseAgent(agent: http.Agent): void {
  agent.on('free', (socket) => socket.destroy());
  for (const list of Object.values(agent.freeSockets)) for (const s of list ?? []) s.destroy();
}
