import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { freePort } from '../fixtures/free-port.ts';
import { serveArgv } from '../fixtures/serve-argv.ts';

describe('fleetcheck serve as a real process against the simulator', () => {
  let dir: string;
  let sim: Simulator;
  let port: number;
  let child: ReturnType<typeof spawn>;
  let output = '';
  const token = 'serve-e2e-token';
  const url = (p: string) => `http://127.0.0.1:${port}${p}`;
  const auth = { headers: { authorization: `Bearer ${token}` } };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetcheck-serve-'));
    sim = await startSimulator(await loadScenario('sim/scenarios/healthy.yaml'));
    await sim.writeKubeconfig(join(dir, 'kc.yaml'));
    port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, FLEETCHECK_API_TOKEN: token };
    delete env.FLEETCHECK_HOST;
    child = spawn(process.execPath, ['bin/fleetcheck.mjs', ...serveArgv(dir, port)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const until = Date.now() + 90_000;
    while (!/sweep sw_\S+: \w+/.test(output)) {
      if (child.exitCode !== null) throw new Error(`serve exited early:\n${output}`);
      if (Date.now() > until) throw new Error(`no sweep finished:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  afterAll(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('sweeps at start and serves the result behind the bearer token', async () => {
    expect((await fetch(url('/api/v1/fleet'))).status).toBe(401);
    const fleet = (await (await fetch(url('/api/v1/fleet'), auth)).json()) as {
      clusters: { name: string }[];
    };
    expect(fleet.clusters.map((c) => c.name)).toEqual(sim.clusters.map((c) => c.name));
    expect(await (await fetch(url('/api/v1/meta'), auth)).json()).toMatchObject({ simulated: false });
    expect(output).not.toContain(token);
  });

  it('exits 0 on SIGTERM', async () => {
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
