import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { raw } from './sim-helpers.ts';

let sim: Simulator;
let agent = '';

beforeAll(async () => {
  sim = await startSimulator(
    parseScenario(
      'version: 1\nseed: 4\ndefaults: { latency: { apiMs: 0, execMs: 0 } }\nclusters: [{ name: wire, nodes: 2 }]',
    ),
  );
  const pods = JSON.parse(
    (await raw(sim, 'wire', '/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dcilium')).body,
  ) as { items: { metadata: { name: string } }[] };
  agent = pods.items[0]?.metadata.name ?? '';
});
afterAll(async () => {
  await sim?.stop();
});

interface Session {
  protocol: string;
  frames: Buffer[];
  closeCode: number;
}

function session(protocols: string[], argv: string[]): Promise<Session> {
  const c = sim.clusters[0];
  if (!c) throw new Error('cluster');
  const q = new URLSearchParams([
    ['stdout', 'true'],
    ['stderr', 'true'],
    ...argv.map((a) => ['command', a]),
    ['container', 'cilium-agent'],
  ]);
  const url = `${c.server.replace('https', 'wss')}/api/v1/namespaces/kube-system/pods/${agent}/exec?${q}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, {
      ca: sim.caPem,
      headers: { Authorization: `Bearer ${c.token}` },
    });
    const frames: Buffer[] = [];
    ws.on('message', (d: Buffer) => frames.push(Buffer.from(d)));
    ws.on('close', (code) => resolve({ protocol: ws.protocol, frames, closeCode: code }));
    ws.on('error', reject);
  });
}

const status = (s: Session) =>
  JSON.parse(
    s.frames
      .find((f) => f[0] === 3)
      ?.subarray(1)
      .toString() ?? '{}',
  ) as { status: string; reason?: string; details?: { causes: { reason: string; message: string }[] } };

describe('exec wire protocol', () => {
  it('v5: empty stdout frame first, output, Status on channel 3, then close 1000, never 255', async () => {
    const s = await session(['v5.channel.k8s.io', 'v4.channel.k8s.io'], ['cilium-dbg', 'version']);
    expect(s.protocol).toBe('v5.channel.k8s.io');
    expect([...(s.frames[0] ?? [])]).toEqual([1]);
    expect(s.frames.some((f) => f[0] === 1 && f.length > 1)).toBe(true);
    expect(s.frames.at(-1)?.[0]).toBe(3);
    expect(status(s)).toEqual({ metadata: {}, status: 'Success' });
    expect(s.frames.some((f) => f[0] === 255)).toBe(false);
    expect(s.closeCode).toBe(1000);
  });

  it('v4 when the client offers only v4; non-zero exit as NonZeroExitCode + ExitCode cause', async () => {
    const s = await session(['v4.channel.k8s.io'], ['cilium-dbg', 'no-such-subcommand']);
    expect(s.protocol).toBe('v4.channel.k8s.io');
    const st = status(s);
    expect(st).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode' });
    expect(st.details?.causes[0]).toEqual({ reason: 'ExitCode', message: '1' });
    expect(s.closeCode).toBe(1000);
  });

  it('answers a SPDY (non-WebSocket) exec upgrade with a 400 Status', async () => {
    const r = await raw(
      sim,
      'wire',
      `/api/v1/namespaces/kube-system/pods/${agent}/exec?command=ls&container=cilium-agent&stdout=true`,
      {
        method: 'POST',
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'SPDY/3.1',
          'X-Stream-Protocol-Version': 'v4.channel.k8s.io',
        },
      },
    );
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ kind: 'Status', status: 'Failure', code: 400 });
  });

  it('refuses exec into an unknown pod or container with a Status', async () => {
    const headers = {
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Protocol': 'v5.channel.k8s.io',
    };
    const noPod = await raw(sim, 'wire', '/api/v1/namespaces/kube-system/pods/nope/exec?command=ls', {
      headers,
    });
    expect(noPod.status).toBe(404);
    const noContainer = await raw(
      sim,
      'wire',
      `/api/v1/namespaces/kube-system/pods/${agent}/exec?command=ls&container=bogus`,
      { headers },
    );
    expect(noContainer.status).toBe(400);
    expect(JSON.parse(noContainer.body).message).toBe(`container bogus is not valid for pod ${agent}`);
  });

  it('counts exec sessions per command and requests per verb + resource', async () => {
    sim.resetStats();
    await session(['v5.channel.k8s.io'], ['cilium-health', 'status', '-o', 'json']);
    await raw(sim, 'wire', '/api/v1/nodes');
    await raw(sim, 'wire', '/api/v1/nodes/node-1');
    const st = sim.stats('wire');
    expect(st.execSessions).toBe(1);
    expect(st.execByCommand).toEqual({ 'cilium-health status': 1 });
    expect(st.requestsByResource).toMatchObject({ 'list nodes': 1, 'get nodes': 1, 'exec pods/exec': 1 });
  });
});
