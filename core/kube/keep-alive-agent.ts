import http from 'node:http';
import https from 'node:https';
import { createSecureContext } from 'node:tls';
import { bufferFromFileOrString, type KubeConfig } from '@kubernetes/client-node';

/** Idle sockets are closed before a typical API server's 5 s keep-alive timeout can race a reuse. */
const IDLE_MS = 4_000;

/**
 * One keep-alive agent per cluster, so REST calls reuse TLS connections instead of client-node 1.4's
 * fresh agent per request. Its one TLS context (CA, client cert and key parsed once) serves every connection,
 * exec WebSockets included, and the agent's session cache lets them resume TLS sessions.
 * undefined (keep client-node's own agent) for proxied clusters.
 */
export function keepAliveAgent(kc: KubeConfig): http.Agent | undefined {
  const c = kc.getCurrentCluster();
  const u = kc.getCurrentUser();
  if (!c || c.proxyUrl) return undefined;
  const common = { keepAlive: true, maxSockets: 16, timeout: IDLE_MS };
  if (c.server.startsWith('http:')) return c.skipTLSVerify ? new http.Agent(common) : undefined;
  const ca = bufferFromFileOrString(c.caFile, c.caData);
  const cert = u ? bufferFromFileOrString(u.certFile, u.certData) : null;
  const key = u ? bufferFromFileOrString(u.keyFile, u.keyData) : null;
  const secureContext = createSecureContext({
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
  });
  return new https.Agent({
    ...common,
    secureContext,
    ...(c.skipTLSVerify ? { rejectUnauthorized: false } : {}),
    ...(c.tlsServerName ? { servername: c.tlsServerName } : {}),
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
