import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generatePki } from '../sim/tls/pki.ts';
import { bundleEntry } from './bundle.ts';

const CHILD = 'bench/.data/tls-floor-child.mjs';

/** CPU ms of the client per request: on a new (resumed) TLS connection, and on a kept-alive one. */
export interface TlsFloor {
  connectionMs: number;
  keptAliveMs: number;
}

/** A DaemonSet-sized JSON answer. */
const ANSWER = JSON.stringify({
  kind: 'DaemonSet',
  status: { desiredNumberScheduled: 5 },
  pad: 'x'.repeat(2000),
});

/**
 * What Node's own TLS and HTTP cost the client on this machine, on each runtime in `nodes`: a loopback HTTPS
 * server (RSA 2048, like the simulator's) answering at once, and a child on that runtime measuring
 * (bench/tls-floor-child.ts).
 */
export async function measureTlsFloor(dir: string, nodes: string[]): Promise<TlsFloor[]> {
  await bundleEntry('bench/tls-floor-child.ts', CHILD);
  const pki = await generatePki();
  const caFile = join(dir, 'tls-floor-ca.pem');
  writeFileSync(caFile, pki.caPem);
  const server = createServer({ key: pki.serverKeyPem, cert: pki.serverCertPem }, (_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(ANSWER);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    const out: TlsFloor[] = [];
    for (const node of nodes) out.push(await runFloorChild(node, url, caFile));
    return out;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

function runFloorChild(node: string, url: string, caFile: string): Promise<TlsFloor> {
  return new Promise((resolve, reject) => {
    execFile(node, [CHILD, url, caFile], (err, stdout, stderr) => {
      if (err) return reject(new Error(`TLS floor child failed: ${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as TlsFloor);
    });
  });
}

/** The floor of a sweep's TLS/HTTP alone: its connections at the connection price, its other requests kept alive. */
export function floorPerCluster(f: TlsFloor, connections: number, requests: number): number {
  return connections * f.connectionMs + Math.max(0, requests - connections) * f.keptAliveMs;
}
