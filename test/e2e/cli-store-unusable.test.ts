import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistory } from '../../server/open-history.ts';
import { loadScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { type CliResult, cli } from './fleetcheck-cli.ts';

/** Root ignores file modes: the read-only case then runs the CLI as nobody. */
const unprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

function oneLine(r: CliResult, pattern: RegExp): void {
  const lines = r.err.trim().split('\n');
  expect(lines, r.err).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.err).not.toMatch(/\b(select|insert|create table|pragma)\b/i);
  expect(r.out).toBe('');
}

describe('the history store is usable before a sweep starts (CLI)', () => {
  let dir: string;
  let sim: Simulator;
  let kubeconfig: string;
  const requests = () => sim.stats('healthy').requests;
  const sweep = (db: string, as?: { uid: number; gid: number }) =>
    cli(['sweep', '--kubeconfig', kubeconfig, '--db', db, '--layers', 'component'], {}, as);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fc-store-'));
    chmodSync(dir, 0o755);
    sim = await startSimulator(await loadScenario('sim/scenarios/healthy.yaml'));
    kubeconfig = join(dir, 'kc.yaml');
    await sim.writeKubeconfig(kubeconfig);
    chmodSync(kubeconfig, 0o644);
  });
  afterAll(async () => {
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--db on a directory: one line, exit 3, no request to any cluster', async () => {
    const r = await sweep(dir);
    expect(r.code).toBe(3);
    oneLine(
      r,
      /^fleetcheck: store-unusable: cannot use the history database .*: unable to open database file/,
    );
    expect(requests()).toBe(0);
  });

  it('--db on a corrupt file: one line, exit 3, no request to any cluster', async () => {
    const db = join(dir, 'corrupt.db');
    writeFileSync(db, Buffer.alloc(8192, 'garbage!'));
    const r = await sweep(db);
    expect(r.code).toBe(3);
    oneLine(r, /^fleetcheck: store-unusable: cannot use the history database .*: file is not a database/);
    expect(requests()).toBe(0);
  });

  it('--db on a read-only file: one line, exit 3, no request to any cluster', async () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro, { mode: 0o755 });
    const db = join(ro, 'history.db');
    await (await openHistory(db)).close();
    chmodSync(db, 0o444);
    chmodSync(ro, 0o555);
    const r = await sweep(db, unprivileged);
    expect(r.code).toBe(3);
    oneLine(r, /^fleetcheck: store-unusable: cannot use the history database .*readonly/);
    expect(requests()).toBe(0);
  });

  it('a database of a newer schema is refused by db migrate, sweep and serve in one line', async () => {
    const db = join(dir, 'newer.db');
    await (await openHistory(db)).close();
    const raw = new Database(db);
    raw
      .prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)')
      .run('f'.repeat(64), 4_102_444_800_000);
    raw.close();
    const newer =
      /^fleetcheck: store-unusable: .*newer\.db has a newer schema \(1 migration this fleetcheck does not know\)/;
    const migrate = await cli(['db', 'migrate', '--db', db]);
    expect(migrate.code).toBe(3);
    oneLine(migrate, newer);
    const swept = await sweep(db);
    expect(swept.code).toBe(3);
    oneLine(swept, newer);
    expect(requests()).toBe(0);
    const serve = await cli(['serve', '--kubeconfig', kubeconfig, '--db', db, '--port', '0']);
    expect(serve.code).toBe(3);
    expect(serve.err).toMatch(newer);
  });

  it('a store failure after the sweep exits 3 with one line and no SQL', async () => {
    const db = join(dir, 'refuses.db');
    await (await openHistory(db)).close();
    const raw = new Database(db);
    raw.exec(
      "create trigger refuse_sweeps before insert on sweeps begin select raise(abort, 'disk quota exceeded'); end",
    );
    raw.close();
    const r = await cli([
      'sweep',
      '--kubeconfig',
      kubeconfig,
      '--db',
      db,
      '--layers',
      'component',
      '--output',
      'json',
    ]);
    expect(r.code).toBe(3);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^fleetcheck: store-unusable: the sweep was not stored in .*: disk quota exceeded/);
    expect(r.err).not.toMatch(/insert|select/i);
    expect(JSON.parse(r.out).clusters.map((c: { name: string }) => c.name)).toEqual(['healthy']);
  });
});
