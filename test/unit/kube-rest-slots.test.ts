import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterApiFromEndpoint } from '../../core/kube/factories.ts';
import type { KubeClusterApi } from '../../core/kube/kube-cluster-api.ts';
import { defaultKubeLimits } from '../../core/kube/limits.ts';
import { RestSlots } from '../../core/kube/rest-slots.ts';
import { type FakeApi, frame, sendJson, startFakeApi } from '../fixtures/fleet/fake-kube-api.ts';

/** Answers held by the fake until the test lets them go, so what is in flight at once can be counted. */
let held: (() => void)[] = [];
let inFlight = 0;
let maxInFlight = 0;
let fake: FakeApi;
let api: KubeClusterApi;

const hold = (res: ServerResponse, body: unknown) => {
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  held.push(() => {
    inFlight--;
    sendJson(res, 200, body);
  });
};

/** Lets the held answers go until every call settles. */
async function drain<T>(calls: Promise<T>): Promise<T> {
  let settled = false;
  const done = calls.finally(() => {
    settled = true;
  });
  while (!settled) {
    for (const release of held.splice(0)) release();
    await new Promise((r) => setTimeout(r, 5));
  }
  return done;
}

const arrived = () => fake.requests.filter((r) => r.method !== 'UPGRADE').map((r) => r.url.split('?')[0]);

beforeAll(async () => {
  fake = await startFakeApi(
    {
      'GET /api/v1/namespaces/kube-system/configmaps/a': (_q, res) => hold(res, { data: { k: 'a' } }),
      'GET /api/v1/namespaces/kube-system/configmaps/b': (_q, res) => hold(res, { data: { k: 'b' } }),
      'GET /api/v1/namespaces/kube-system/configmaps/c': (_q, res) => hold(res, { data: { k: 'c' } }),
      'GET /api/v1/namespaces/kube-system/configmaps/d': (_q, res) => hold(res, { data: { k: 'd' } }),
      'GET /api/v1/namespaces/probe': (_q, res) => hold(res, { metadata: { name: 'probe' } }),
    },
    (ws) => {
      ws.send(frame(1, 'ok'));
      ws.send(frame(3, JSON.stringify({ metadata: {}, status: 'Success' })));
      ws.close(1000);
    },
  );
  api = clusterApiFromEndpoint({
    name: 'slots',
    server: fake.server,
    skipTLSVerify: true,
    token: async () => 't',
  });
});
afterAll(() => fake.stop());

describe("a cluster's REST calls share restConnections connections", () => {
  it('sends the first call alone, then keeps at most restConnections calls in flight over as many connections, urgent calls first', async () => {
    held = [];
    maxInFlight = 0;
    const before = fake.requests.length;
    const normal = ['a', 'b', 'c', 'd'].map((n) => api.getConfigMap('kube-system', n));
    await new Promise((r) => setTimeout(r, 50));
    const urgent = api.namespaceExists('probe', { urgent: true });
    const answers = await drain(Promise.all([...normal, urgent]));

    expect(answers).toEqual([{ k: 'a' }, { k: 'b' }, { k: 'c' }, { k: 'd' }, true]);
    expect(maxInFlight).toBe(defaultKubeLimits.restConnections);
    const burst = fake.requests.slice(before);
    expect(new Set(burst.map((r) => r.connection)).size).toBe(defaultKubeLimits.restConnections);
    // a, the cluster's first call, went alone; the urgent call arrived after b, c and d but went ahead of them
    // when a's answer opened the other slot.
    expect(arrived().slice(before)).toEqual([
      '/api/v1/namespaces/kube-system/configmaps/a',
      '/api/v1/namespaces/probe',
      '/api/v1/namespaces/kube-system/configmaps/b',
      '/api/v1/namespaces/kube-system/configmaps/c',
      '/api/v1/namespaces/kube-system/configmaps/d',
    ]);
  });

  it('does not hold an exec session behind busy REST slots', async () => {
    held = [];
    const reads = ['a', 'b', 'c'].map((n) => api.getConfigMap('kube-system', n));
    await new Promise((r) => setTimeout(r, 50));
    const out = await api.exec('kube-system', 'p', 'cilium-agent', ['cilium-dbg', 'status'], {
      deadlineMs: 2000,
    });
    expect(out).toMatchObject({ stdout: 'ok', exitCode: 0 });
    expect(held.length).toBe(defaultKubeLimits.restConnections);
    await drain(Promise.all(reads));
  });

  it('gives up a waiting call when its signal aborts, and the calls behind it still run', async () => {
    held = [];
    const busy = ['a', 'b'].map((n) => api.getConfigMap('kube-system', n));
    await new Promise((r) => setTimeout(r, 50));
    const controller = new AbortController();
    const waiting = api.getConfigMap('kube-system', 'c', { signal: controller.signal });
    const behind = api.getConfigMap('kube-system', 'd');
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'timeout' });
    expect(await drain(Promise.all([...busy, behind]))).toEqual([{ k: 'a' }, { k: 'b' }, { k: 'd' }]);
  });
  it("starts a call's deadline when it gets its slot: the wait behind a slow call does not time it out", async () => {
    held = [];
    const tight = clusterApiFromEndpoint({
      name: 'tight',
      server: fake.server,
      skipTLSVerify: true,
      token: async () => 't',
      limits: { restConnections: 1, apiDeadlineMs: 400 },
    });
    const slow = tight.getConfigMap('kube-system', 'a');
    const queued = tight.getConfigMap('kube-system', 'b');
    await new Promise((r) => setTimeout(r, 300));
    expect(held).toHaveLength(1); // b still waits for the slot
    for (const release of held.splice(0)) release();
    await new Promise((r) => setTimeout(r, 250));
    // b has now waited 550 ms in all, longer than its 400 ms deadline, of which 250 ms on the wire
    for (const release of held.splice(0)) release();
    expect(await Promise.all([slow, queued])).toEqual([{ k: 'a' }, { k: 'b' }]);
    tight.close();
  });
});

describe('RestSlots', () => {
  it('hands a released slot to the next waiting holder, urgent first', async () => {
    const slots = new RestSlots(1);
    const order: string[] = [];
    const release = await slots.acquire();
    const later = slots.acquire().then((r) => {
      order.push('normal');
      r();
    });
    const urgent = slots.acquire(undefined, true).then((r) => {
      order.push('urgent');
      r();
    });
    release();
    release(); // a second call gives nothing back twice
    await Promise.all([later, urgent]);
    expect(order).toEqual(['urgent', 'normal']);
    // one slot still: a second holder waits until the first gives it back
    const first = await slots.acquire();
    let second = false;
    const next = slots.acquire().then((r) => {
      second = true;
      r();
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(second).toBe(false);
    first();
    await next;
    expect(second).toBe(true);
  });

  it('lets the first holder alone until it gives its slot back, then opens every slot', async () => {
    const slots = new RestSlots(2);
    const first = await slots.acquire();
    let second = false;
    const next = slots.acquire().then((r) => {
      second = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(second).toBe(false);
    first();
    const a = await next;
    // both slots open now: another holder gets one at once beside `a`
    const b = await slots.acquire();
    a();
    b();
  });

  it("hands an urgent holder's slot to the urgent holder that follows it, ahead of those already waiting", async () => {
    const slots = new RestSlots(1);
    (await slots.acquire())(); // the first holder's turn is over: the slot opens
    const order: string[] = [];
    const read = await slots.acquire(undefined, true);
    const waiting = slots.acquire().then((r) => {
      order.push('waiting');
      r();
    });
    // the urgent holder's next step asks for a slot right after giving its own back
    read();
    const followUp = slots.acquire(undefined, true).then((r) => {
      order.push('follow-up');
      r();
    });
    await Promise.all([waiting, followUp]);
    expect(order).toEqual(['follow-up', 'waiting']);
  });

  it('refuses a wait whose signal aborts, and the slot still goes to the next holder', async () => {
    const slots = new RestSlots(1);
    const busy = await slots.acquire();
    const reason = new Error('gone');
    await expect(slots.acquire(AbortSignal.abort(reason))).rejects.toBe(reason);
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    const behind = slots.acquire();
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    busy();
    (await behind)();
  });
});
