import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../fixtures/free-port.ts';

function startDemo(args: string[], env: NodeJS.ProcessEnv = {}) {
  const base = { ...process.env };
  delete base.FLEETCHECK_API_TOKEN;
  delete base.FLEETCHECK_HOST;
  const child = spawn(process.execPath, ['bin/fleetcheck.mjs', 'demo', ...args], {
    cwd: process.cwd(),
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output: () => output };
}

async function waitFor(what: () => boolean | Promise<boolean>, label: string, ms = 90_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await what()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${label}`);
}

interface FleetBody {
  lastSweep: { startedAt: string } | null;
  clusters: { name: string }[];
}

describe('fleetcheck demo as a real process', () => {
  let dir: string;
  let port: number;
  let demo: ReturnType<typeof startDemo>;
  const url = (p: string) => `http://127.0.0.1:${port}${p}`;
  let startedAt = 0;
  let firstFleet: FleetBody | undefined;
  let backfillDoneAtFirstData = true;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetcheck-demo-'));
    port = await freePort();
    startedAt = Date.now();
    demo = startDemo(['--port', String(port), '--db', join(dir, 'demo.db')]);
    await waitFor(async () => {
      if (demo.child.exitCode !== null) throw new Error(`demo exited early:\n${demo.output()}`);
      if (!demo.output().includes('SIMULATED FLEET')) return false;
      const res = await fetch(url('/api/v1/fleet')).catch(() => undefined);
      const fleet = res?.ok ? ((await res.json()) as FleetBody) : undefined;
      if (!fleet?.lastSweep) return false;
      firstFleet = fleet;
      backfillDoneAtFirstData = demo.output().includes('backfill done');
      return true;
    }, 'the first stored sweep');
  });

  afterAll(async () => {
    if (demo.child.exitCode === null) demo.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('serves current data first, then says it is backfilling history until the history is in', async () => {
    expect(backfillDoneAtFirstData).toBe(false);
    expect(Date.parse(firstFleet?.lastSweep?.startedAt ?? '')).toBeGreaterThanOrEqual(startedAt - 1000);
    const seen: { done: number; total: number }[] = [];
    await waitFor(async () => {
      // A poll may meet a kept-alive socket the busy server just closed; the next poll retries.
      const res = await fetch(url('/api/v1/meta')).catch(() => undefined);
      if (!res) return false;
      const meta = (await res.json()) as { backfill?: { done: number; total: number } };
      if (meta.backfill) seen.push(meta.backfill);
      return !meta.backfill && demo.output().includes('backfill done');
    }, 'the end of the backfill');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]?.total).toBe(168);
    const sweeps = (await (await fetch(url('/api/v1/sweeps?limit=500'))).json()) as {
      items: { startedAt: string }[];
    };
    expect(sweeps.items.length).toBeGreaterThanOrEqual(169);
    const shell = await (await fetch(url('/'))).text();
    expect(shell).toContain('id="backfill-banner"');
  });

  it('says loudly that the fleet is simulated and prints the URL', () => {
    expect(demo.output()).toContain('SIMULATED FLEET');
    expect(demo.output()).toContain(`http://127.0.0.1:${port}/`);
    expect(demo.output()).toContain('127.0.0.1 only');
    expect(demo.output()).toContain(`SQLite file ${join(dir, 'demo.db')}`);
  });

  it('serves the API, metrics and the dashboard over real HTTP', async () => {
    expect((await fetch(url('/healthz'))).status).toBe(200);
    expect(await (await fetch(url('/api/v1/meta'))).json()).toMatchObject({ simulated: true });
    const fleet = (await (await fetch(url('/api/v1/fleet'))).json()) as { clusters: { name: string }[] };
    expect(fleet.clusters.length).toBeGreaterThanOrEqual(10);
    const metrics = await (await fetch(url('/metrics'))).text();
    expect(metrics).toContain('fleetcheck_cluster_status{');
    const shell = await fetch(url('/'));
    expect(shell.headers.get('content-type')).toMatch(/text\/html/);
    expect((await fetch(url('/assets/uPlot.iife.min.js'))).status).toBe(200);
    const bad = await fetch(url('/api/v1/trends?metric=nope'));
    expect(bad.status).toBe(400);
  });

  it('runs one sweep at a time for POST /sweeps', async () => {
    const first = await fetch(url('/api/v1/sweeps'), { method: 'POST' });
    expect(first.status).toBe(202);
    const a = (await first.json()) as { id: string };
    const second = (await (await fetch(url('/api/v1/sweeps'), { method: 'POST' })).json()) as {
      id: string;
      running: boolean;
    };
    expect(second).toEqual(expect.objectContaining({ id: a.id, running: true }));
  });

  it('stops cleanly on SIGTERM', async () => {
    demo.child.kill('SIGTERM');
    const [code] = await demo.exited;
    expect(code).toBe(0);
    expect(demo.output()).toContain('shutting down');
    await expect(fetch(url('/healthz'))).rejects.toThrow();
  });

  it('says clearly when the port is taken', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const taken = (blocker.address() as { port: number }).port;
    try {
      const other = startDemo(['--port', String(taken), '--db', join(dir, 'other.db'), '--no-backfill']);
      const [code] = await other.exited;
      expect(code).toBe(2);
      expect(other.output()).toMatch(new RegExp(`port ${taken} .*already in use`));
    } finally {
      blocker.close();
    }
  });
});
