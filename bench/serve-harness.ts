import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, type Simulator, startSimulator } from '../sim/index.ts';
import { freePort } from '../test/fixtures/free-port.ts';
import { generate } from './gen-history.ts';

export interface ServeHarnessOptions {
  /** Scenario of the simulated fleet `serve` sweeps. */
  scenario: string;
  /** History generated into the DB before `serve` starts (bench/gen-history.ts), hourly sweeps. */
  historyDays: number;
  historyClusters: number;
  /** `serve --interval`. */
  interval: string;
  /** Node options for the serve process (e.g. `--cpu-prof`, `--heapsnapshot-signal=SIGUSR2` to profile it). */
  nodeArgs?: string[];
  /** How long to wait for serve's first sweep (default 120 s). */
  readyTimeoutMs?: number;
}

/** A `fleetcheck serve` process on loopback with a bearer token, a simulated fleet and a DB with history. */
export interface ServeHarness {
  url: string;
  token: string;
  pid: number;
  child: ChildProcess;
  sim: Simulator;
  /** Everything serve wrote to stderr so far. */
  output(): string;
  /** SIGTERM, wait for the exit, stop the simulator, remove the temporary directory; the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the simulator and `fleetcheck serve` against it, with `historyDays` of generated history in its DB,
 * and waits until serve's first sweep is stored.
 * @example const h = await startServeHarness({ scenario: 'sim/scenarios/healthy.yaml', historyDays: 2, historyClusters: 4, interval: '1h' });
 */
export async function startServeHarness(opts: ServeHarnessOptions): Promise<ServeHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'fleetcheck-serve-harness-'));
  const db = join(dir, 'history.db');
  await generate({ out: db, days: opts.historyDays, clusters: opts.historyClusters, intervalMin: 60 });
  const sim = await startSimulator(await loadScenario(opts.scenario));
  await sim.writeKubeconfig(join(dir, 'kc.yaml'));
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const env: NodeJS.ProcessEnv = { ...process.env, FLEETCHECK_API_TOKEN: token };
  delete env['FLEETCHECK_HOST'];
  const argv = [
    ...(opts.nodeArgs ?? []),
    'bin/fleetcheck.mjs',
    'serve',
    '--kubeconfig',
    join(dir, 'kc.yaml'),
  ];
  argv.push('--db', db, '--port', String(port), '--host', '127.0.0.1', '--interval', opts.interval);
  const child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await once(child, 'exit');
      clearTimeout(killer);
    }
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
    return child.exitCode;
  };
  const until = Date.now() + (opts.readyTimeoutMs ?? 120_000);
  while (!/sweep sw_\S+: \w+/.test(output)) {
    if (child.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error(`serve did not store its first sweep:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    pid: child.pid ?? -1,
    child,
    sim,
    output: () => output,
    stop,
  };
}
