import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { freePort } from '../fixtures/free-port.ts';
import { serveArgv } from '../fixtures/serve-argv.ts';
import { cliChild } from './fleetcheck-cli.ts';

interface Received {
  path: string;
  contentType: string | undefined;
  body: string;
}

function startReceiver(received: Received[]): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString();
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('fleetcheck serve posts new regressions to FLEETCHECK_WEBHOOK_URL', () => {
  const token = 'webhook-e2e-api-token';
  const hookSecret = 'B0000000/XXXXwebhookSecretXXXX';
  const received: Received[] = [];
  let dir: string;
  let sim: Simulator;
  let receiver: Server;
  let port: number;
  let child: ReturnType<typeof cliChild>;
  let log = '';
  const api = (p: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${port}/api/v1${p}`, {
      ...init,
      headers: { authorization: `Bearer ${token}` },
    });

  async function finished(id: string): Promise<string> {
    const line = new RegExp(`sweep ${id} finished: .*`);
    const until = Date.now() + 90_000;
    while (!line.test(log)) {
      if (child.exitCode !== null) throw new Error(`serve exited:\n${log}`);
      if (Date.now() > until) throw new Error(`sweep ${id} did not finish:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return line.exec(log)?.[0] ?? '';
  }

  async function sweepNow(): Promise<string> {
    const res = await api('/sweeps', { method: 'POST' });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    return finished(id);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fc-webhook-'));
    sim = await startSimulator(await loadScenario('sim/scenarios/healthy.yaml'));
    await sim.writeKubeconfig(join(dir, 'kc.yaml'));
    receiver = await startReceiver(received);
    const hookPort = (receiver.address() as AddressInfo).port;
    port = await freePort();
    child = cliChild(serveArgv(dir, port), {
      FLEETCHECK_API_TOKEN: token,
      FLEETCHECK_WEBHOOK_URL: `http://127.0.0.1:${hookPort}/services/T0000000/${hookSecret}`,
      FLEETCHECK_HOST: undefined,
      FLEETCHECK_INTERVAL: undefined,
    });
    child.stderr.on('data', (d: Buffer) => {
      log += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      log += d.toString();
    });
    await finished('sw_\\S+');
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await sim?.stop();
    receiver?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('posts nothing for the first sweep nor for a sweep that changed nothing', async () => {
    expect(received).toHaveLength(0);
    const line = await sweepNow();
    expect(line).not.toMatch(/posted|webhook/);
    expect(received).toHaveLength(0);
  });

  it('posts once, Slack-compatible, naming each new regression, when a fault appears', async () => {
    sim.setFaults('healthy', [{ type: 'operator-unavailable' }]);
    const line = await sweepNow();
    expect(line).toMatch(/, \d+ regressions posted$/);
    expect(received).toHaveLength(1);
    const [post] = received;
    expect(post?.path).toBe(`/services/T0000000/${hookSecret}`);
    expect(post?.contentType).toMatch(/^application\/json/);
    const body = JSON.parse(post?.body ?? '') as { text?: unknown; blocks?: unknown };
    expect(typeof body.text).toBe('string');
    const text = body.text as string;
    const sweepId = /sweep (sw_\S+) finished/.exec(line)?.[1];
    expect(text).toContain(`new regression`);
    expect(text).toContain(sweepId);
    const regressions = (await (await api('/regressions?baseline=previous')).json()) as {
      regressions: { cluster: string; check: string }[];
    };
    expect(regressions.regressions.length).toBeGreaterThan(0);
    for (const r of regressions.regressions) expect(text).toContain(`• ${r.cluster} ${r.check}`);
  });

  it('posts nothing more while the same fault persists', async () => {
    const line = await sweepNow();
    expect(line).not.toMatch(/posted|webhook/);
    expect(received).toHaveLength(1);
  });

  it('never writes the webhook URL or the API token to its log', () => {
    expect(log).not.toContain(hookSecret);
    expect(log).not.toContain('T0000000');
    expect(log).not.toContain(token);
  });
});
