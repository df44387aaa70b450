import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openHistory } from '../../server/open-history.ts';
import { loadScenario, startSimulator } from '../../sim/index.ts';
import { freePort } from '../fixtures/free-port.ts';
import { serveArgv } from '../fixtures/serve-argv.ts';
import { cliChild } from './fleetcheck-cli.ts';

/** `fast` fails at once (its operator is down); `slow`'s probe pod starts only after 80 s. */
const FLEET = `version: 1
clusters:
  - name: fast
    faults: [{ type: operator-unavailable }]
  - name: slow
    latency: { apiMs: 5, execMs: 30, jobStartSeconds: 80 }
`;

describe('serve stopped by SIGTERM in the middle of a sweep (real process, sweep thread)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fc-serve-interrupt-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('aborts the running clusters at once, exits 0 and stores nothing of the cut sweep', async () => {
    writeFileSync(join(dir, 'fleet.yaml'), FLEET);
    const sim = await startSimulator(await loadScenario(join(dir, 'fleet.yaml')));
    let child: ReturnType<typeof cliChild> | undefined;
    try {
      await sim.writeKubeconfig(join(dir, 'kc.yaml'));
      child = cliChild(serveArgv(dir, await freePort()), { FLEETCHECK_API_TOKEN: undefined });
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      const until = Date.now() + 60_000;
      while (!/\] fast: fail/.test(err)) {
        if (child.exitCode !== null || Date.now() > until) throw new Error(`fast did not finish:\n${err}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      child.kill('SIGTERM');
      // Without the abort reaching the sweep thread, `slow` would hold the exit until its pod starts (80 s).
      const [code] = await Promise.race([
        exited,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`serve did not exit within 40 s:\n${err}`)), 40_000),
        ),
      ]);
      expect(code).toBe(0);
      expect(err).toMatch(/sweep sw_\S+ did not finish: shutting down/);
      const store = await openHistory(join(dir, 's.db'));
      try {
        expect((await store.sweeps({})).items).toEqual([]);
        expect((await store.fleet({})).clusters).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      if (child?.exitCode === null) child.kill('SIGKILL');
      await sim.stop();
    }
  });
});
