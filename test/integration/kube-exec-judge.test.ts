import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFleetcheckError } from '../../core/errors.ts';
import { clusterApiFromEndpoint } from '../../core/kube/factories.ts';

/**
 * fleetcheck's exec client against upstream servers (test/fixtures/exec-judge, k8s.io v0.35.4): the API server's
 * WebSocket-to-SPDY stream translator in front of the kubelet's exec server (v5), the kubelet's own WebSocket
 * exec server (v4), and upgrades refused with API server Status objects.
 */
const haveGo = spawnSync('go', ['version']).status === 0;
const mustRun = process.env['CI'] === 'true';

let judge: ChildProcess | undefined;
let addr = '';

const api = (prefix: string) =>
  clusterApiFromEndpoint({
    name: 'judge',
    server: `http://${addr}/${prefix}`,
    skipTLSVerify: true,
    token: async () => 'judge-token',
  });

const run = (prefix: string, argv: string[], deadlineMs = 10_000, maxOutputBytes?: number) =>
  api(prefix)
    .exec('kube-system', 'cilium-x', 'cilium-agent', argv, {
      deadlineMs,
      ...(maxOutputBytes ? { maxOutputBytes } : {}),
    })
    .catch((e: unknown) => e);

describe.skipIf(!haveGo && !mustRun)('exec client against upstream exec servers (k8s.io v0.35.4)', () => {
  beforeAll(async () => {
    const bin = await new Promise<string>((resolve, reject) =>
      execFile('bash', ['scripts/build-exec-judge.sh'], (err, stdout, stderr) =>
        err ? reject(new Error(`build-exec-judge failed: ${stderr}`)) : resolve(stdout.trim()),
      ),
    );
    const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'ignore'] });
    judge = child;
    addr = await new Promise<string>((resolve, reject) => {
      child.once('error', reject);
      child.stdout?.once('data', (d: Buffer) =>
        resolve(
          String(d)
            .trim()
            .replace(/^listening /, ''),
        ),
      );
    });
  }, 900_000);
  afterAll(() => {
    judge?.stdin?.end();
    judge?.kill();
  });

  describe.each([
    ['v5', 'v5.channel.k8s.io through the API server stream translator'],
    ['v4', 'v4.channel.k8s.io from the kubelet'],
  ])('%s: %s', (prefix) => {
    it('returns stdout, stderr and exit code 0', async () => {
      expect(await run(prefix, ['print', '{"ok":true}', 'a warning', '0'])).toMatchObject({
        stdout: '{"ok":true}',
        stderr: 'a warning',
        exitCode: 0,
        truncated: false,
      });
    });

    it('reads a non-zero exit code from the Status', async () => {
      expect(await run(prefix, ['print', 'partial', '', '3'])).toMatchObject({
        stdout: 'partial',
        exitCode: 3,
      });
    });

    it('reports a runtime failure without exit code as failure', async () => {
      const r = await run(prefix, ['crash', 'container not running']);
      expect(r).toMatchObject({ exitCode: null });
      expect((r as { failure?: string }).failure).toContain('container not running');
    });

    it('caps the output and still reads the Status after it', async () => {
      const r = await run(prefix, ['repeat', '200000'], 10_000, 50_000);
      expect(r).toMatchObject({ exitCode: 0, truncated: true });
      expect((r as { stdout: string }).stdout.length).toBe(50_000);
    });

    it('times out at the deadline', async () => {
      const err = await run(prefix, ['sleep', '5000'], 400);
      expect(isFleetcheckError(err, 'timeout')).toBe(true);
    });
  });

  it('a 403 Status is access-denied, a 404 not-found', async () => {
    expect(isFleetcheckError(await run('refuse/403', ['print']), 'access-denied')).toBe(true);
    expect(isFleetcheckError(await run('refuse/404', ['print']), 'not-found')).toBe(true);
  });

  it('a 500 Status is retried, then server-error with its message', async () => {
    const err = await run('refuse/500', ['print']);
    expect(isFleetcheckError(err, 'server-error')).toBe(true);
    expect((err as Error).message).toContain('exec-judge answers 500');
  });

  it('a 429 is retried after its Retry-After (1 s)', async () => {
    const t0 = performance.now();
    expect(await run('flaky429', ['print', 'after throttling', '', '0'])).toMatchObject({
      stdout: 'after throttling',
      exitCode: 0,
    });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(990);
  });
});
