import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFleetcheckError } from '../../core/errors.ts';
import { clusterApiFromEndpoint } from '../../core/kube/factories.ts';
import type { KubeClusterApi } from '../../core/kube/kube-cluster-api.ts';
import { type FakeApi, frame, sendJson, startFakeApi } from '../fixtures/fleet/fake-kube-api.ts';

const success = { metadata: {}, status: 'Success' };
const exitCode = (n: number) => ({
  metadata: {},
  status: 'Failure',
  reason: 'NonZeroExitCode',
  message: `command terminated with non-zero exit code: exit code ${n}`,
  details: { causes: [{ reason: 'ExitCode', message: String(n) }] },
});

let fake: FakeApi;
let api: KubeClusterApi;
let tokenCalls = 0;
let gitVersion = 'v1.34.4';

beforeAll(async () => {
  fake = await startFakeApi(
    { 'GET /version': (_req, res) => sendJson(res, 200, { major: '1', gitVersion }) },
    (ws, q, pod) => {
      const send = (ch: number, d: string | Buffer) => ws.send(frame(ch, d));
      if (pod === 'ok') {
        send(1, `argv=${q.getAll('command').join('|')} container=${q.get('container')}`);
        send(2, 'warn');
        send(3, JSON.stringify(success));
        ws.close(1000);
      } else if (pod === 'exit3') {
        send(1, 'partial');
        send(3, JSON.stringify(exitCode(3)));
        ws.close(1000);
      } else if (pod === 'notfound') {
        const st = { metadata: {}, status: 'Failure', reason: 'InternalError', code: 500 };
        send(3, JSON.stringify({ ...st, message: 'exec: "cilium-dbg": executable file not found in $PATH' }));
        ws.close(1000);
      } else if (pod === 'big') {
        send(1, Buffer.alloc(3000, 'x'));
        send(3, JSON.stringify(success));
        ws.close(1000);
      } else if (pod === 'nostatus') {
        send(1, 'bye');
        ws.close(1000);
      } else if (pod === 'bad255') {
        ws.send(Buffer.from([255, 1]));
      }
      // 'hang': never answers
    },
    (pod) => (pod === 'forbidden' ? 403 : pod === 'gone' ? 404 : undefined),
  );
  api = clusterApiFromEndpoint({
    name: 'unit',
    server: fake.server,
    skipTLSVerify: true,
    token: async () => {
      tokenCalls++;
      return `tok-${tokenCalls}`;
    },
  });
});
afterAll(() => fake.stop());

const run = (pod: string, deadlineMs = 2000, maxOutputBytes?: number) =>
  api.exec('kube-system', pod, 'cilium-agent', ['cilium-dbg', 'status', '-o', 'json'], {
    deadlineMs,
    ...(maxOutputBytes ? { maxOutputBytes } : {}),
  });

describe('exec over WebSocket', () => {
  it('returns stdout, stderr and exit code 0 from the Success status, sending argv and container', async () => {
    const before = tokenCalls;
    const r = await run('ok');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('argv=cilium-dbg|status|-o|json container=cilium-agent');
    expect(r.stderr).toBe('warn');
    expect(r.truncated).toBe(false);
    expect(tokenCalls).toBeGreaterThan(before);
    expect(fake.requests.at(-1)?.auth).toBe(`Bearer tok-${tokenCalls}`);
  });

  it('reads the exit code from details.causes', async () => {
    const r = await run('exit3');
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('partial');
  });

  it('reports a Failure status without exit code as failure', async () => {
    const r = await run('notfound');
    expect(r.exitCode).toBeNull();
    expect(r.failure).toContain('executable file not found');
  });

  it('caps output and marks it truncated', async () => {
    const r = await run('big', 2000, 1000);
    expect(r.stdout.length).toBe(1000);
    expect(r.truncated).toBe(true);
  });

  it('resolves with exitCode null when the socket closes without a status', async () => {
    const r = await run('nostatus');
    expect(r.exitCode).toBeNull();
    expect(r.stdout).toBe('bye');
  });

  it('maps a 403 upgrade to access-denied naming the exec verbs of the server version', async () => {
    gitVersion = 'v1.34.4';
    const old = await run('forbidden').catch((e: unknown) => e);
    expect(isFleetcheckError(old, 'access-denied')).toBe(true);
    expect((old as Error).message).toBe(
      'forbidden: cannot get pods/exec in namespace kube-system (Kubernetes 1.34 authorises a WebSocket exec as get on pods/exec; RBAC: see deploy/rbac.yaml)',
    );
    expect(isFleetcheckError(old) && old.context['verb']).toBe('get');
    gitVersion = 'v1.35.4';
    const current = await run('forbidden').catch((e: unknown) => e);
    expect(isFleetcheckError(current) && current.context['verb']).toBe('get and create');
    expect((current as Error).message).toContain(
      'Kubernetes 1.35 authorises a WebSocket exec as get and create',
    );
  });

  it('maps a 404 upgrade to not-found', async () => {
    const err = await run('gone').catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'not-found')).toBe(true);
  });

  it('terminates a hanging session at the deadline with a timeout error', async () => {
    const err = await run('hang', 300).catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'timeout')).toBe(true);
    expect((err as Error).message).toContain('timed out after 300 ms');
  });

  it('survives a server frame on channel 255 without crashing the process', async () => {
    const err = await run('bad255', 1000).catch((e: unknown) => e);
    expect(isFleetcheckError(err)).toBe(true);
  });

  it('maps a refused exec connection to unreachable', async () => {
    const down = clusterApiFromEndpoint({
      name: 'down',
      server: 'http://127.0.0.1:1',
      skipTLSVerify: true,
      token: async () => 't',
    });
    const err = await down
      .exec('kube-system', 'p', 'c', ['true'], { deadlineMs: 2000 })
      .catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'unreachable')).toBe(true);
    expect((err as Error).message).toContain('ECONNREFUSED');
  });

  it('counts exec sessions', () => {
    expect(api.runner.stats.execSessions).toBeGreaterThanOrEqual(9);
  });
});
