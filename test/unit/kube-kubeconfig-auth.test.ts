import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFleetcheckError } from '../../core/errors.ts';
import { clusterApiFromKubeconfig } from '../../core/kube/factories.ts';
import { clearKubeconfigCache } from '../../core/kube/kubeconfig.ts';
import { generatePki } from '../../sim/tls/pki.ts';
import { clientCertificate } from '../fixtures/client-certificate.ts';
import { type FakeApi, sendJson, startFakeApi } from '../fixtures/fleet/fake-kube-api.ts';

/** Kubeconfig users and clusters as kubectl reads them, through clusterApiFromKubeconfig against a loopback fake. */
let tlsFake: FakeApi;
let plainFake: FakeApi;
let mtlsFake: FakeApi;
let dir: string;
let caPem: string;

const version = {
  'GET /version': (_req: unknown, res: Parameters<typeof sendJson>[0]) =>
    sendJson(res, 200, { gitVersion: 'v1.35.4' }),
};

beforeAll(async () => {
  const pki = await generatePki();
  caPem = pki.caPem;
  tlsFake = await startFakeApi(version, () => {}, undefined, {
    key: pki.serverKeyPem,
    cert: pki.serverCertPem,
  });
  plainFake = await startFakeApi(version, () => {});
  mtlsFake = await startFakeApi(version, () => {}, undefined, {
    key: pki.serverKeyPem,
    cert: pki.serverCertPem,
    requestCert: true,
  });
  dir = await mkdtemp(join(tmpdir(), 'fleetcheck-kc-auth-'));
  await writeFile(join(dir, 'ca.pem'), caPem);
});
afterAll(async () => {
  await tlsFake.stop();
  await plainFake.stop();
  await mtlsFake.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Writes a one-context kubeconfig with the given cluster and user stanzas (YAML lines, indented 4). */
async function kubeconfig(name: string, cluster: string[], user: string[]): Promise<string> {
  const file = join(dir, `${name}.yaml`);
  const indent = (lines: string[]) => lines.map((l) => `      ${l}`).join('\n');
  await writeFile(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${name}`,
      'clusters:',
      `  - name: ${name}`,
      '    cluster:',
      indent(cluster),
      'users:',
      `  - name: ${name}`,
      '    user:',
      indent(user.length ? user : ['{}']),
      'contexts:',
      `  - { name: ${name}, context: { cluster: ${name}, user: ${name} } }`,
      '',
    ].join('\n'),
  );
  clearKubeconfigCache();
  return file;
}

const versionOf = async (file: string, context: string) =>
  (await clusterApiFromKubeconfig({ files: [file], context })).serverVersion().catch((e: unknown) => e);

describe('kubeconfig clusters and users', () => {
  it('verifies the server against certificate-authority, a path relative to the kubeconfig', async () => {
    const file = await kubeconfig(
      'ca-file',
      [`server: ${tlsFake.server}`, 'certificate-authority: ca.pem'],
      ['token: t1'],
    );
    expect(await versionOf(file, 'ca-file')).toEqual({ gitVersion: 'v1.35.4' });
    expect(tlsFake.requests.at(-1)?.auth).toBe('Bearer t1');
  });

  it('verifies against certificate-authority-data, and refuses a server its CA did not sign', async () => {
    const ok = await kubeconfig(
      'ca-data',
      [`server: ${tlsFake.server}/`, `certificate-authority-data: ${Buffer.from(caPem).toString('base64')}`],
      ['token: t2'],
    );
    expect(await versionOf(ok, 'ca-data')).toEqual({ gitVersion: 'v1.35.4' });
    const other = (await generatePki()).caPem;
    const bad = await kubeconfig(
      'ca-other',
      [`server: ${tlsFake.server}`, `certificate-authority-data: ${Buffer.from(other).toString('base64')}`],
      ['token: t2'],
    );
    const err = await versionOf(bad, 'ca-other');
    expect(isFleetcheckError(err, 'unreachable')).toBe(true);
    expect((err as Error).message).toContain('TLS handshake');
  });

  it('skips verification only with insecure-skip-tls-verify: true', async () => {
    const file = await kubeconfig(
      'insecure',
      [`server: ${tlsFake.server}`, 'insecure-skip-tls-verify: true'],
      ['token: t3'],
    );
    expect(await versionOf(file, 'insecure')).toEqual({ gitVersion: 'v1.35.4' });
  });

  it('refuses plain http unless insecure-skip-tls-verify is set', async () => {
    const refused = await kubeconfig('http', [`server: ${plainFake.server}`], ['token: t4']);
    expect(isFleetcheckError(await versionOf(refused, 'http'))).toBe(true);
    expect(plainFake.requests.length).toBe(0);
    const allowed = await kubeconfig(
      'http-insecure',
      [`server: ${plainFake.server}`, 'insecure-skip-tls-verify: true'],
      ['token: t4'],
    );
    expect(await versionOf(allowed, 'http-insecure')).toEqual({ gitVersion: 'v1.35.4' });
  });

  it('reads token-file (relative to the kubeconfig) for every request, so a rotated token is used', async () => {
    await writeFile(join(dir, 'token'), 'first-token\n');
    const file = await kubeconfig(
      'token-file',
      [`server: ${plainFake.server}`, 'insecure-skip-tls-verify: true'],
      ['token-file: token'],
    );
    const api = await clusterApiFromKubeconfig({ files: [file], context: 'token-file' });
    await api.serverVersion();
    expect(plainFake.requests.at(-1)?.auth).toBe('Bearer first-token');
    await writeFile(join(dir, 'token'), 'second-token\n');
    await api.serverVersion();
    expect(plainFake.requests.at(-1)?.auth).toBe('Bearer second-token');
  });

  it('sends basic auth for username/password and Impersonate-User for as', async () => {
    const file = await kubeconfig(
      'basic',
      [`server: ${plainFake.server}`, 'insecure-skip-tls-verify: true'],
      ['username: alice', 'password: s3cret', 'as: bob'],
    );
    await versionOf(file, 'basic');
    expect(plainFake.requests.at(-1)).toMatchObject({
      auth: `Basic ${Buffer.from('alice:s3cret').toString('base64')}`,
      impersonate: 'bob',
    });
  });

  it('runs a credential plugin once and sends its token', async () => {
    const plugin = join(dir, 'plugin.sh');
    await writeFile(
      plugin,
      `#!/bin/sh\necho run >> ${join(dir, 'plugin.calls')}\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"from-plugin"}}'\n`,
    );
    await chmod(plugin, 0o755);
    const file = await kubeconfig(
      'plugin',
      [`server: ${plainFake.server}`, 'insecure-skip-tls-verify: true'],
      ['exec:', '  apiVersion: client.authentication.k8s.io/v1', `  command: ${plugin}`],
    );
    const api = await clusterApiFromKubeconfig({ files: [file], context: 'plugin' });
    await api.serverVersion();
    await api.serverVersion();
    expect(plainFake.requests.at(-1)?.auth).toBe('Bearer from-plugin');
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(join(dir, 'plugin.calls'), 'utf8')).trim().split('\n')).toEqual(['run']);
  });

  it('opens one full TLS handshake for a burst of requests: the others resume its session', async () => {
    const b64 = Buffer.from(caPem).toString('base64');
    const file = await kubeconfig(
      'burst',
      [`server: ${tlsFake.server}`, `certificate-authority-data: ${b64}`],
      ['token: burst'],
    );
    // six REST slots, so the burst opens six connections at once
    const limits = { restConnections: 6 };
    const api = await clusterApiFromKubeconfig({ files: [file], context: 'burst', limits });
    const before = tlsFake.requests.length;
    const answers = await Promise.all(Array.from({ length: 6 }, () => api.serverVersion()));
    expect(answers).toEqual(Array.from({ length: 6 }, () => ({ gitVersion: 'v1.35.4' })));
    const burst = tlsFake.requests.slice(before);
    expect(burst).toHaveLength(6);
    const connections = (resumed: boolean) =>
      new Set(burst.filter((r) => r.resumed === resumed).map((r) => r.connection)).size;
    expect(connections(false)).toBe(1);
    expect(connections(true)).toBeGreaterThanOrEqual(2);
    api.close?.();
  });

  it('presents the client certificate of client-certificate-data / client-key-data', async () => {
    const { certPem, keyPem } = clientCertificate('kubeconfig-user');
    const b64 = (pem: string) => Buffer.from(pem).toString('base64');
    const file = await kubeconfig(
      'mtls',
      [`server: ${mtlsFake.server}`, `certificate-authority-data: ${b64(caPem)}`],
      [`client-certificate-data: ${b64(certPem)}`, `client-key-data: ${b64(keyPem)}`],
    );
    expect(await versionOf(file, 'mtls')).toEqual({ gitVersion: 'v1.35.4' });
    expect(mtlsFake.requests.at(-1)?.clientCN).toBe('kubeconfig-user');
  });

  it("presents a credential plugin's client certificate, not the kubeconfig's", async () => {
    const fromPlugin = clientCertificate('plugin-user');
    const fromFile = clientCertificate('kubeconfig-user');
    const b64 = (pem: string) => Buffer.from(pem).toString('base64');
    const credential = JSON.stringify({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { clientCertificateData: fromPlugin.certPem, clientKeyData: fromPlugin.keyPem },
    });
    await writeFile(join(dir, 'credential.json'), credential);
    const plugin = join(dir, 'cert-plugin.sh');
    await writeFile(plugin, `#!/bin/sh\ncat ${join(dir, 'credential.json')}\n`);
    await chmod(plugin, 0o755);
    const file = await kubeconfig(
      'mtls-plugin',
      [`server: ${mtlsFake.server}`, `certificate-authority-data: ${b64(caPem)}`],
      [
        `client-certificate-data: ${b64(fromFile.certPem)}`,
        `client-key-data: ${b64(fromFile.keyPem)}`,
        'exec:',
        '  apiVersion: client.authentication.k8s.io/v1',
        `  command: ${plugin}`,
      ],
    );
    const api = await clusterApiFromKubeconfig({ files: [file], context: 'mtls-plugin' });
    await api.serverVersion();
    await api.serverVersion();
    expect(mtlsFake.requests.slice(-2).map((r) => r.clientCN)).toEqual(['plugin-user', 'plugin-user']);
    api.close?.();
  });

  it('hands an auth-provider user to client-node (here gcp with a cached access-token)', async () => {
    const file = await kubeconfig(
      'gcp',
      [`server: ${plainFake.server}`, 'insecure-skip-tls-verify: true'],
      [
        'auth-provider:',
        '  name: gcp',
        '  config: { access-token: gcp-token, expiry: "2999-01-01T00:00:00Z" }',
      ],
    );
    await versionOf(file, 'gcp');
    expect(plainFake.requests.at(-1)?.auth).toBe('Bearer gcp-token');
  });

  it('names the file and field of an invalid kubeconfig', async () => {
    const file = join(dir, 'broken.yaml');
    await writeFile(file, 'clusters:\n  - name: x\n    cluster: {}\n');
    clearKubeconfigCache();
    const err = await clusterApiFromKubeconfig({ files: [file], context: 'x' }).catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'invalid-input')).toBe(true);
    expect((err as Error).message).toContain(`kubeconfig ${file}: clusters[0].cluster.server`);
  });
});
