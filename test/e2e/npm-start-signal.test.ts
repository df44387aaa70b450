import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../fixtures/free-port.ts';

const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/healthz`).then(
    (r) => r.ok,
    () => false,
  );

describe('npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fc-npm-start-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops the demo when the npm process is killed (the port is freed)', async () => {
    const port = await freePort();
    const args = ['start', '--', '--port', String(port), '--db', join(dir, 'demo.db'), '--no-backfill'];
    const env: NodeJS.ProcessEnv = { ...process.env, FLEETCHECK_API_TOKEN: '' };
    delete env.FLEETCHECK_API_TOKEN;
    delete env.FLEETCHECK_HOST;
    // Its own process group, so whatever it leaves behind can be cleaned up by the group id.
    const npm = spawn('npm', args, { env, detached: true, stdio: 'ignore' });
    const pid = npm.pid ?? 0;
    try {
      const until = Date.now() + 90_000;
      while (!(await answers(port))) {
        if (npm.exitCode !== null || Date.now() > until) throw new Error('the demo did not start');
        await new Promise((r) => setTimeout(r, 250));
      }
      const exited = once(npm, 'exit');
      process.kill(pid, 'SIGTERM');
      await exited;
      const freedBy = Date.now() + 20_000;
      while ((await answers(port)) && Date.now() < freedBy) await new Promise((r) => setTimeout(r, 250));
      expect(await answers(port)).toBe(false);
    } finally {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // the group is gone already
      }
    }
  });
});
