import { once } from 'node:events';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { freePort } from '../fixtures/free-port.ts';
import { type CliResult, cli, cliChild } from './fleetcheck-cli.ts';

/** Credentials planted in every place a message can come from; none may reach the DB or the CLI output. */
const SECRETS = {
  bearer: 'abcDEF123ghiJKL456mnoPQR789stuVWX',
  eks: 'k8s-aws-v1.aHR0cHM6Ly9zdHMuYW1hem9uYXdzLmNvbS8_QWN0aW9uPUdldENhbGxlcklkZW50aXR5JlZlcnNpb249MjAxMS0wNi0xNQ',
  jwt: 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6a3ViZS1zeXN0ZW06ZmxlZXQifQ.c2lnbmF0dXJlLXBsYW50ZWQtaW4tdGVzdA',
  awsKeyId: 'AKIAIOSFODNN7EXAMPLE',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  password: 'hunter2-Planted-Passw0rd',
};
const LEAK = `Authorization: Bearer ${SECRETS.bearer} token=${SECRETS.eks} jwt ${SECRETS.jwt} aws_access_key_id=${SECRETS.awsKeyId} aws_secret_access_key=${SECRETS.awsSecret} password: ${SECRETS.password}`;
/** Bare credentials placed across the points where outside text is cut to a snippet (200 and 400 characters). */
const STRADDLE = `${'x'.repeat(179)} ${SECRETS.awsSecret} ${'y'.repeat(118)} ${SECRETS.jwt}`;
/** A distinctive piece of each secret (a redaction may keep a label, never these). */
const MARKERS = [
  SECRETS.bearer,
  'aHR0cHM6Ly9zdHMu',
  'eyJzdWIiOiJzeXN0',
  SECRETS.awsKeyId,
  'wJalrXUtnFEMI',
  'hunter2-Planted',
];

function leaks(text: string): string[] {
  return MARKERS.filter((m) => text.includes(m));
}

describe('no planted credential reaches the DB or the CLI output', () => {
  let dir: string;
  let sim: Simulator;
  let api: Server;
  let swept: CliResult;
  let db: string;
  const calls = (plugin: string) =>
    readFileSync(join(dir, `${plugin}.calls`), 'utf8')
      .split('\n')
      .filter(Boolean).length;

  function plugin(name: string, exit: number): string {
    const file = join(dir, name);
    writeFileSync(
      file,
      `#!/bin/sh\necho call >> "${join(dir, `${name}.calls`)}"\necho '${LEAK}'\necho '${LEAK}' >&2\nexit ${exit}\n`,
    );
    chmodSync(file, 0o755);
    return file;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fc-redact-'));
    db = join(dir, 'history.db');
    sim = await startSimulator(
      await loadScenario(
        writeScenario(
          dir,
          `version: 1\nclusters:\n  - name: leaky-agent\n    faults:\n${['status', 'health', 'probe']
            .map(
              (command) =>
                `      - { type: garbage-output, command: ${command}, stdout: ${JSON.stringify(command === 'probe' ? STRADDLE : LEAK)}, stderr: ${JSON.stringify(LEAK)}${command === 'health' ? '' : ', exitCode: 1'} }\n`,
            )
            .join('')}`,
        ),
      ),
    );
    api = createServer((req, res) => {
      if (req.url?.startsWith('/api/v1/nodes')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(`{"items": [ ${LEAK}`);
        return;
      }
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ kind: 'Status', status: 'Failure', message: LEAK, code: 500 }));
    }).listen(0, '127.0.0.1');
    await new Promise((r) => api.once('listening', r));
    const port = (api.address() as { port: number }).port;
    const simKc = join(dir, 'sim.yaml');
    await sim.writeKubeconfig(simKc);
    const user = (name: string, exec: string) =>
      `  - name: ${name}\n    user:\n      exec:\n        apiVersion: client.authentication.k8s.io/v1beta1\n        command: ${exec}\n        args: ["--token", "${SECRETS.eks}"]\n        interactiveMode: Never\n`;
    const cluster = sim.clusters[0]!;
    writeFileSync(
      join(dir, 'fleet.yaml'),
      'apiVersion: v1\nkind: Config\n' +
        `clusters:\n  - name: sim\n    cluster: { server: "${cluster.server}", insecure-skip-tls-verify: true }\n` +
        `  - name: leaky-api\n    cluster: { server: "http://127.0.0.1:${port}" }\n` +
        `users:\n${user('failing', plugin('plugin-fail', 3))}${user('garbage', plugin('plugin-garbage', 0))}` +
        `  - name: sim-user\n    user: { token: "${cluster.token}" }\n  - name: api-user\n    user: { token: "${SECRETS.jwt}" }\n` +
        'contexts:\n' +
        '  - { name: plugin-exits-3, context: { cluster: sim, user: failing } }\n' +
        '  - { name: plugin-garbage, context: { cluster: sim, user: garbage } }\n' +
        '  - { name: leaky-agent, context: { cluster: sim, user: sim-user } }\n' +
        '  - { name: leaky-api, context: { cluster: leaky-api, user: api-user } }\n',
    );
    swept = await cli([
      'sweep',
      '--kubeconfig',
      join(dir, 'fleet.yaml'),
      '--db',
      db,
      '--layers',
      'component,node,business',
      '--deadline',
      '60',
      '--output',
      'json',
    ]);
  });
  afterAll(async () => {
    await sim?.stop();
    await new Promise((r) => api?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a failing credential plugin is one auth error naming the plugin and its exit code, run once', () => {
    const report = JSON.parse(swept.out) as {
      clusters: { name: string; error?: { code: string; message: string } }[];
    };
    const byName = new Map(report.clusters.map((c) => [c.name, c]));
    expect(byName.get('plugin-exits-3')?.error).toEqual({
      code: 'access-denied',
      message: expect.stringMatching(/credential plugin "plugin-fail" \(user "failing"\) exited with code 3/),
    });
    expect(byName.get('plugin-garbage')?.error?.message).toMatch(
      /credential plugin "plugin-garbage" .* printed no valid ExecCredential/,
    );
    expect(byName.get('plugin-garbage')?.error?.code).toBe('access-denied');
    expect(calls('plugin-fail')).toBe(1);
    expect(calls('plugin-garbage')).toBe(1);
    expect(byName.get('leaky-api')?.error ?? byName.get('leaky-api')).toBeDefined();
  });

  it('leaves no planted credential in the DB, stdout or stderr', () => {
    expect(leaks(swept.out)).toEqual([]);
    expect(leaks(swept.err)).toEqual([]);
    const files = readdirSync(dir).filter((f) => f.startsWith('history.db'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(leaks(readFileSync(join(dir, f)).toString('latin1')), f).toEqual([]);
  });

  it('the planted exec stderr and probe pod log were read by the sweep, redacted', () => {
    const report = JSON.parse(swept.out) as {
      clusters: { name: string; results?: { check: string; status: string; message: string }[] }[];
    };
    const results = report.clusters.find((c) => c.name === 'leaky-agent')?.results ?? [];
    expect(results.map((r) => r.message)).toContainEqual(
      expect.stringMatching(/status.* exited 1: Authorization: \[redacted\]/),
    );
    const business = results.filter((r) => r.check.startsWith('business.'));
    expect(business.length).toBeGreaterThan(0);
    expect(business.filter((r) => r.status === 'pass')).toEqual([]);
    expect(JSON.stringify(business)).toContain('[redacted]');
  });

  it('serve sweeping the same fleet logs and stores no planted credential', async () => {
    const serveDb = join(dir, 'serve.db');
    const child = cliChild(
      ['serve', '--kubeconfig', join(dir, 'fleet.yaml'), '--db', serveDb, '--port', String(await freePort())],
      { FLEETCHECK_API_TOKEN: undefined, FLEETCHECK_HOST: undefined, FLEETCHECK_WEBHOOK_URL: undefined },
    );
    let log = '';
    child.stdout.on('data', (d: Buffer) => {
      log += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      log += d.toString();
    });
    try {
      const until = Date.now() + 90_000;
      while (!/^sweep \S+:? (?:did not finish|\w+ \()/m.test(log)) {
        if (child.exitCode !== null || Date.now() > until)
          throw new Error(`serve sweep did not end:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
    expect(log).toMatch(/^sweep \S+: \w+ \(4 clusters: /m);
    expect(leaks(log)).toEqual([]);
    const files = readdirSync(dir).filter((f) => f.startsWith('serve.db'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(leaks(readFileSync(join(dir, f)).toString('latin1')), f).toEqual([]);
  }, 120_000);

  it('a kubeconfig that is empty or broken around a token gives one clean line', async () => {
    writeFileSync(join(dir, 'empty.yaml'), '');
    const empty = await cli(['sweep', '--kubeconfig', join(dir, 'empty.yaml'), '--no-store']);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/empty\.yaml: empty or not a kubeconfig/);
    expect(empty.err).not.toMatch(/Cannot read properties/);
    writeFileSync(
      join(dir, 'broken.yaml'),
      `users:\n  - name: u\n    user: { token: ${SECRETS.jwt}: [${LEAK}\n`,
    );
    const broken = await cli(['sweep', '--kubeconfig', join(dir, 'broken.yaml'), '--no-store']);
    expect(broken.code).toBe(2);
    expect(broken.err.trim().split('\n')).toHaveLength(1);
    expect(leaks(broken.err + broken.out)).toEqual([]);
  });
});

function writeScenario(dir: string, yaml: string): string {
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, yaml);
  return file;
}
