import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFleetcheckError } from '../../core/errors.ts';
import { execGate, execOpeningGate } from '../../core/kube/exec-gate.ts';
import { clusterApiFromEndpoint } from '../../core/kube/factories.ts';
import type { KubeClusterApi } from '../../core/kube/kube-cluster-api.ts';
import { defaultKubeLimits } from '../../core/kube/limits.ts';
import { type FakeApi, frame, sendJson, startFakeApi, status } from '../fixtures/fleet/fake-kube-api.ts';

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
let open = 0;
let maxOpen = 0;
let gitVersion = 'v1.34.4';
const refusals = new Map<string, number>();
let clientClosed: () => void = () => {};
const closedByClient = new Promise<void>((r) => {
  clientClosed = r;
});

beforeAll(async () => {
  fake = await startFakeApi(
    { 'GET /version': (_req, res) => sendJson(res, 200, { major: '1', gitVersion }) },
    (ws, q, pod) => {
      const send = (ch: number, d: string | Buffer) => ws.send(frame(ch, d));
      if (pod === 'ok' || pod === 'throttled') {
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
      } else if (pod === 'v5close') {
        send(1, '');
        ws.send(Buffer.from([255, 1]));
        send(9, 'unknown channel');
        send(1, 'after');
        send(3, JSON.stringify(success));
      } else if (pod === 'split') {
        const text = JSON.stringify(exitCode(7));
        send(3, text.slice(0, 10));
        send(3, text.slice(10));
      } else if (pod === 'text') {
        ws.send('1hello');
      } else if (pod === 'lingering') {
        ws.on('close', () => clientClosed());
        send(3, JSON.stringify(success));
      } else if (pod === 'slow') {
        open++;
        maxOpen = Math.max(maxOpen, open);
        ws.on('close', () => open--);
        setTimeout(() => {
          send(3, JSON.stringify(success));
          ws.close(1000);
        }, 60);
      } else if (pod === 'badcode') {
        send(
          3,
          JSON.stringify({ ...exitCode(3), details: { causes: [{ reason: 'ExitCode', message: '300' }] } }),
        );
      }
      // 'hang': never answers
    },
    (pod) => {
      refusals.set(pod, (refusals.get(pod) ?? 0) + 1);
      if (pod === 'forbidden') return 403;
      if (pod === 'gone') return 404;
      if (pod === 'throttled' && (refusals.get(pod) ?? 0) === 1)
        return {
          code: 429,
          headers: { 'Retry-After': '0.4' },
          body: JSON.stringify(status(429, 'TooManyRequests')),
        };
      if (pod === 'broken')
        return { code: 500, body: JSON.stringify(status(500, 'InternalError', 'etcd is down')) };
      if (pod === 'unscheduled')
        return {
          code: 400,
          body: JSON.stringify(status(400, 'BadRequest', 'pod unscheduled does not have a host assigned')),
        };
      return undefined;
    },
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

  it('ignores empty frames, a 255 frame and unknown channels from the server, as client-go discards them', async () => {
    const r = await run('v5close');
    expect(r).toMatchObject({ exitCode: 0, stdout: 'after', stderr: '' });
  });

  it('reads a Status split over two channel-3 messages', async () => {
    expect((await run('split')).exitCode).toBe(7);
  });

  it('refuses an exit code that is not a uint8, as client-go does', async () => {
    const r = await run('badcode');
    expect(r.exitCode).toBeNull();
    expect(r.failure).toContain('without a valid ExitCode cause');
  });

  it('treats a text message as a protocol error (the channel protocol is binary)', async () => {
    const err = await run('text').catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'bad-response')).toBe(true);
    expect((err as Error).message).toContain('broke the exec channel protocol');
  });

  it('closes the socket itself once the Status has come', async () => {
    expect((await run('lingering')).exitCode).toBe(0);
    await closedByClient;
  });

  it('retries a 429 upgrade after its Retry-After', async () => {
    const t0 = performance.now();
    const r = await run('throttled');
    expect(r.exitCode).toBe(0);
    expect(refusals.get('throttled')).toBe(2);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(390);
  });

  it('retries a 5xx upgrade, then reports server-error with the Status message', async () => {
    const before = api.runner.stats.retries;
    const err = await run('broken', 10_000).catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'server-error')).toBe(true);
    expect((err as Error).message).toContain(
      'HTTP 500 to get pods/exec in namespace kube-system: etcd is down',
    );
    expect(refusals.get('broken')).toBe(defaultKubeLimits.retries + 1);
    expect(api.runner.stats.retries - before).toBe(defaultKubeLimits.retries);
  });

  it('does not retry a 4xx upgrade and keeps the Status message', async () => {
    const err = await run('unscheduled').catch((e: unknown) => e);
    expect(isFleetcheckError(err, 'bad-response')).toBe(true);
    expect((err as Error).message).toContain('does not have a host assigned');
    expect(refusals.get('unscheduled')).toBe(1);
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

  /** Six 60 ms sessions under `gate` lowered to `size`: their exit codes and how many were open at once. */
  async function sixSlowSessions(gate: { concurrency: number }, size: number, deadlineMs: number) {
    const before = gate.concurrency;
    gate.concurrency = size;
    maxOpen = 0;
    try {
      const results = await Promise.all(Array.from({ length: 6 }, () => run('slow', deadlineMs)));
      return { exitCodes: results.map((r) => r.exitCode), maxOpen };
    } finally {
      gate.concurrency = before;
    }
  }

  it('keeps at most execGate sessions open at once; the wait does not count against a session deadline', async () => {
    // Two at a time they take ~180 ms, past each one's 150 ms deadline counted from the call.
    expect(await sixSlowSessions(execGate, 2, 150)).toEqual({ exitCodes: [0, 0, 0, 0, 0, 0], maxOpen: 2 });
  });

  it('opens at most execOpeningGate sessions at a time, and lets opened ones wait on their commands together', async () => {
    // One handshake at a time, yet the commands run side by side once their sessions are open.
    const { exitCodes, maxOpen: open } = await sixSlowSessions(execOpeningGate, 1, 2000);
    expect(exitCodes).toEqual([0, 0, 0, 0, 0, 0]);
    expect(open).toBeGreaterThan(1);
  });

  it('counts exec sessions', () => {
    expect(api.runner.stats.execSessions).toBeGreaterThanOrEqual(9);
  });
});
