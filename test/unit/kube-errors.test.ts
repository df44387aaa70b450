import { describe, expect, it } from 'vitest';
import { errorFromStatus, HttpStatusError, mapKubeError, retryDelayMs } from '../../core/kube/kube-errors.ts';
import { RateLimiter } from '../../core/kube/rate-limiter.ts';

const d = { cluster: 'prod', verb: 'list', resource: 'pods', namespace: 'kube-system' };

describe('kube error mapping', () => {
  it('maps HTTP statuses to codes with verb, resource and namespace in the message', () => {
    expect(errorFromStatus(403, d).message).toBe(
      'forbidden: cannot list pods in namespace kube-system (RBAC: see deploy/rbac.yaml)',
    );
    expect(errorFromStatus(403, { cluster: 'prod', verb: 'list', resource: 'nodes' }).message).toBe(
      'forbidden: cannot list nodes at cluster scope (RBAC: see deploy/rbac.yaml)',
    );
    expect(errorFromStatus(401, d).code).toBe('access-denied');
    expect(errorFromStatus(404, { ...d, verb: 'get', name: 'x' }).message).toBe(
      'pods "x" not found in namespace kube-system',
    );
    expect(errorFromStatus(409, d).code).toBe('conflict');
    expect(errorFromStatus(429, d).code).toBe('rate-limited');
    expect(errorFromStatus(503, d).code).toBe('server-error');
    expect(errorFromStatus(400, d).code).toBe('bad-response');
    expect(errorFromStatus(403, d).context).toMatchObject({
      cluster: 'prod',
      status: 403,
      namespace: 'kube-system',
    });
  });

  it('maps HTTP status, network, TLS and abort errors', () => {
    expect(mapKubeError(new HttpStatusError(403, '{}', {}), d, 1000).code).toBe('access-denied');
    const refused = Object.assign(new Error('request failed, reason: connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });
    expect(mapKubeError(refused, d, 1000).code).toBe('unreachable');
    const nested = { message: 'connect failed', error: { code: 'ENOTFOUND' } };
    expect(mapKubeError(nested, d, 1000).message).toContain('ENOTFOUND');
    const tls = Object.assign(new Error('self-signed'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    expect(mapKubeError(tls, d, 1000).message).toContain('TLS handshake with prod failed');
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(mapKubeError(abort, d, 1000)).toMatchObject({ code: 'timeout' });
    expect(mapKubeError(abort, d, 1000).message).toContain('timed out after 1000 ms');
    expect(mapKubeError(new Error('Cannot parse content. No Content-Type defined.'), d, 1).code).toBe(
      'bad-response',
    );
  });

  it('honours Retry-After in seconds or as a date, capped, else backs off', () => {
    expect(retryDelayMs(0, '2', 5000)).toBe(2000);
    expect(retryDelayMs(0, '60', 5000)).toBe(5000);
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(retryDelayMs(0, 'Wed, 25 Nov 2026 10:00:03 GMT', 5000, now)).toBe(3000);
    const b0 = retryDelayMs(0, undefined, 5000);
    const b3 = retryDelayMs(3, undefined, 5000);
    expect(b0).toBeGreaterThanOrEqual(100);
    expect(b0).toBeLessThanOrEqual(200);
    expect(b3).toBeGreaterThanOrEqual(800);
    expect(b3).toBeLessThanOrEqual(1600);
  });
});

describe('rate limiter', () => {
  it('lets a burst through, then one token per 1/rate seconds', async () => {
    const t = 0;
    const rl = new RateLimiter(10, 3, () => t);
    const order: number[] = [];
    await Promise.all([0, 1, 2].map((i) => rl.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2]);
    let fourthDone = false;
    const fourth = rl.acquire().then(() => {
      fourthDone = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(fourthDone).toBe(false);
    await fourth;
    expect(fourthDone).toBe(true);
  });

  it('gives the token back when the wait is aborted', async () => {
    const rl = new RateLimiter(1, 1, () => 0);
    await rl.acquire();
    const ac = new AbortController();
    const waiting = rl.acquire(ac.signal);
    ac.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'timeout' });
  });
});
