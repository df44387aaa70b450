import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { freePort } from '../fixtures/free-port.ts';
import { serveArgv } from '../fixtures/serve-argv.ts';
import { cliChild } from './fleetcheck-cli.ts';

async function oneCluster(dir: string, name: string): Promise<Simulator> {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `version: 1\nclusters:\n  - name: ${name}\n`);
  return startSimulator(await loadScenario(file));
}

describe('serve reads its fleet again at each sweep (real process, sweep thread per sweep)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fc-serve-reread-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sweeps the clusters of the kubeconfig as it is when the sweep starts, and serves them at once', async () => {
    const first = await oneCluster(dir, 'first');
    const second = await oneCluster(dir, 'second');
    let child: ReturnType<typeof cliChild> | undefined;
    try {
      await first.writeKubeconfig(join(dir, 'kc.yaml'));
      const port = await freePort();
      child = cliChild(serveArgv(dir, port), { FLEETCHECK_API_TOKEN: undefined });
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const until = Date.now() + 60_000;
      while (!/sweep sw_\S+: \w+/.test(err)) {
        if (child.exitCode !== null || Date.now() > until) throw new Error(`no first sweep:\n${err}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const api = `http://127.0.0.1:${port}/api/v1`;
      const names = async () =>
        ((await (await fetch(`${api}/fleet`)).json()) as { clusters: { name: string }[] }).clusters
          .map((c) => c.name)
          .sort();
      expect(await names()).toEqual(['first']);
      await second.writeKubeconfig(join(dir, 'kc.yaml'));
      const { id } = (await (await fetch(`${api}/sweeps`, { method: 'POST' })).json()) as { id: string };
      let res = await fetch(`${api}/sweeps/${id}`);
      while (res.status === 202) {
        if (Date.now() > until) throw new Error(`sweep ${id} did not finish:\n${err}`);
        await new Promise((r) => setTimeout(r, 100));
        res = await fetch(`${api}/sweeps/${id}`);
      }
      expect(res.status).toBe(200);
      const report = (await res.json()) as { clusters: { name: string }[] };
      expect(report.clusters.map((c) => c.name)).toEqual(['second']);
      // The sweep thread wrote it through its own connection: serve's cached fleet answer is dropped all the same.
      expect(await names()).toEqual(['first', 'second']);
      const exited = once(child, 'exit') as Promise<[number | null]>;
      child.kill('SIGTERM');
      expect((await exited)[0]).toBe(0);
    } finally {
      if (child?.exitCode === null) child.kill('SIGKILL');
      await first.stop();
      await second.stop();
    }
  });
});
