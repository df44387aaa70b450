import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openHistory } from '../../server/open-history.ts';
import { freePort } from '../fixtures/free-port.ts';
import { saveStaleFleet, staleOf } from '../fixtures/stale-fleet.ts';
import { cli, cliChild } from './fleetcheck-cli.ts';

describe('serve: sweep interval bounds and FLEETCHECK_INTERVAL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fc-interval-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses intervals outside 1 minute … 7 days, from the flag or the environment', async () => {
    for (const interval of ['30d', '1ms', 'soon']) {
      const r = await cli(['serve', '--interval', interval, '--db', join(dir, 'never.db')]);
      expect(r.code, interval).toBe(2);
      expect(r.err, interval).toMatch(/^fleetcheck: invalid-input: --interval: /);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    const env = await cli(['serve', '--db', join(dir, 'never.db')], { FLEETCHECK_INTERVAL: '30d' });
    expect(env.code).toBe(2);
    expect(env.err).toMatch(/FLEETCHECK_INTERVAL: a sweep interval must be between 1m and 7d, got '30d'/);
  });

  it('reads FLEETCHECK_INTERVAL=300 as 300 seconds: stale after 10 minutes, not 600 ms', async () => {
    const db = join(dir, 'stale.db');
    const store = await openHistory(db);
    await saveStaleFleet(store, Date.now());
    await store.close();
    const kubeconfig = join(dir, 'kc.yaml');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters: [{ name: edge, cluster: { server: "https://127.0.0.1:9" } }]\n' +
        'users: [{ name: u, user: { token: t } }]\ncontexts: [{ name: edge, context: { cluster: edge, user: u } }]\n',
    );
    const port = await freePort();
    const child = cliChild(['serve', '--db', db, '--kubeconfig', kubeconfig, '--port', String(port)], {
      FLEETCHECK_INTERVAL: '300',
      FLEETCHECK_API_TOKEN: undefined,
      FLEETCHECK_HOST: undefined,
    });
    let log = '';
    child.stderr.on('data', (d: Buffer) => {
      log += d.toString();
    });
    try {
      const until = Date.now() + 60_000;
      while (!/serving 1 cluster at .*\(sweep every 5m\)/.test(log)) {
        if (child.exitCode !== null || Date.now() > until) throw new Error(`serve did not start:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const view = (await (await fetch(`http://127.0.0.1:${port}/api/v1/fleet`)).json()) as {
        clusters: { name: string; stale: boolean }[];
      };
      expect(staleOf(view)).toEqual({ old: true, recent: false });
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
