import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { cliChild } from './fleetcheck-cli.ts';

/** Two clusters that answer at once, two whose every API call and exec takes seconds. */
const SLOW_FLEET = `version: 1
clusters:
  - name: fast-a
  - name: fast-b
  - name: slow-a
    latency: { apiMs: 3000, execMs: 9000 }
  - name: slow-b
    latency: { apiMs: 3000, execMs: 9000 }
`;

describe('sweep interrupted by a signal (real child process, slow simulated fleet)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fc-interrupt-'));
  const scenario = join(dir, 'slow.yaml');
  writeFileSync(scenario, SLOW_FLEET);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function interrupted(signal: 'SIGINT' | 'SIGTERM', db: string) {
    const args = ['sweep', '--simulate', scenario, '--db', db, '--layers', 'component,node'];
    const child = cliChild([...args, '--deadline', '600', '--verbose']);
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const until = Date.now() + 90_000;
    while ((err.match(/\] fast-[ab]: /g) ?? []).length < 2) {
      if (child.exitCode !== null || Date.now() > until)
        throw new Error(`fast clusters did not finish:\n${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(err).not.toMatch(/\] slow-[ab]: /);
    child.kill(signal);
    const [code, killedBy] = await exited;
    return { code, killedBy, err };
  }

  function storedRuns(db: string) {
    const raw = new Database(db, { readonly: true });
    try {
      return raw
        .prepare(
          'select c.name, r.error_code as errorCode from cluster_runs r join clusters c on c.id = r.cluster_id order by c.name',
        )
        .all() as { name: string; errorCode: string | null }[];
    } finally {
      raw.close();
    }
  }

  it('SIGINT: exits 130, keeps the finished clusters, stores nothing for the unfinished ones', async () => {
    const db = join(dir, 'int.db');
    const r = await interrupted('SIGINT', db);
    expect(r.killedBy).toBeNull();
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/SIGINT: 2 clusters not finished and not stored; 2 finished clusters stored/);
    expect(storedRuns(db)).toEqual([
      { name: 'fast-a', errorCode: null },
      { name: 'fast-b', errorCode: null },
    ]);
  });

  it('SIGTERM: exits 143 and stores no timeout for the clusters it cut short', async () => {
    const db = join(dir, 'term.db');
    const r = await interrupted('SIGTERM', db);
    expect(r.code).toBe(143);
    const runs = storedRuns(db);
    expect(runs.map((x) => x.name)).toEqual(['fast-a', 'fast-b']);
    expect(runs.every((x) => x.errorCode === null)).toBe(true);
  });
});
