import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterApiFromKubeconfig } from '../../core/kube/factories.ts';
import { clearKubeconfigCache } from '../../core/kube/kubeconfig.ts';
import { generatePki } from '../../sim/tls/pki.ts';
import { type FakeApi, sendJson, startFakeApi } from '../fixtures/fleet/fake-kube-api.ts';

/** A TCP front of the TLS fake that cuts the first `drop` connections before any byte of TLS. */
let fake: FakeApi;
let front: Server;
let dir: string;
let caPem: string;
let drop = 0;
let accepted = 0;

beforeAll(async () => {
  const pki = await generatePki();
  caPem = pki.caPem;
  fake = await startFakeApi(
    { 'GET /version': (_q, res) => sendJson(res, 200, { gitVersion: 'v1.35.4' }) },
    () => {},
    undefined,
    { key: pki.serverKeyPem, cert: pki.serverCertPem },
  );
  const target = new URL(fake.server);
  front = createServer((client: Socket) => {
    accepted++;
    if (drop > 0) {
      drop--;
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  dir = await mkdtemp(join(tmpdir(), 'fleetcheck-tls-burst-'));
});

afterAll(async () => {
  front.close();
  await fake.stop();
  await rm(dir, { recursive: true, force: true });
});

async function apiThroughFront() {
  const port = (front.address() as { port: number }).port;
  const file = join(dir, 'kubeconfig.yaml');
  await writeFile(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: c',
      'clusters:',
      `  - { name: c, cluster: { server: "https://127.0.0.1:${port}", certificate-authority-data: ${Buffer.from(caPem).toString('base64')} } }`,
      'users:',
      '  - { name: u, user: { token: t } }',
      'contexts:',
      '  - { name: c, context: { cluster: c, user: u } }',
      '',
    ].join('\n'),
  );
  clearKubeconfigCache();
  // four REST slots, so a burst of four calls opens four connections at once
  return clusterApiFromKubeconfig({ files: [file], context: 'c', limits: { restConnections: 4 } });
}

describe("a cluster's burst of first connections", () => {
  it('goes on when the first connection dies before its TLS session: the waiting requests connect then', async () => {
    const api = await apiThroughFront();
    drop = 1;
    accepted = 0;
    const answers = await Promise.allSettled(Array.from({ length: 4 }, () => api.serverVersion()));
    const ok = answers.filter((a) => a.status === 'fulfilled');
    expect(ok.length).toBeGreaterThanOrEqual(3);
    expect(accepted).toBeGreaterThanOrEqual(4);
    api.close?.();
  });
});
