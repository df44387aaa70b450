import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureCluster, fixtureSweep } from '../../bench/history-fixtures.ts';
import { openHistory } from '../../server/open-history.ts';

const bin = join(import.meta.dirname, '../../bin/fleetcheck.mjs');
const clusters: FixtureCluster[] = [
  { name: 'east', peers: ['west'], clusterId: 1 },
  { name: 'west', peers: ['east'], clusterId: 2 },
];

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('history CLI commands against a filled DB', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fc-cli-'));
    db = join(dir, 'fleet.db');
    const store = await openHistory(db);
    await store.saveSweep(
      fixtureSweep('sw-1', new Date('2026-11-18T10:00:00Z'), clusters, {
        east: { 'node.endpoints.state': 'fail' },
      }),
    );
    await store.saveSweep(
      fixtureSweep('sw-2', new Date('2026-11-18T10:15:00Z'), clusters, {
        west: { 'peer:east': true, 'business.dns.resolve': 'error' },
      }),
    );
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('regressions --output json has the issue-5 shape', () => {
    const r = cli(['regressions', '--db', db, '--output', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(doc.baseline.sweepId).toBe('sw-1');
    expect(doc.current.sweepId).toBe('sw-2');
    expect(
      doc.regressions.map((x: { cluster: string; check: string; from: string; to: string }) => [
        x.cluster,
        x.check,
        x.from,
        x.to,
      ]),
    ).toEqual([
      ['west', 'business.dns.resolve', 'pass', 'error'],
      ['west', 'mesh.peer.connected', 'pass', 'fail'],
    ]);
    expect(doc.recoveries).toEqual([
      expect.objectContaining({
        cluster: 'east',
        check: 'node.endpoints.state',
        subject: 'cluster',
        from: 'fail',
        to: 'pass',
      }),
    ]);
    const byId = cli(['regressions', '--db', db, '--baseline', 'sw-2', '--output', 'json']);
    expect(JSON.parse(byId.out).regressions).toEqual([]);
  });

  it('history, mesh compare and weekly report render; unknown clusters exit 2', () => {
    const h = cli(['history', 'east', '--db', db, '--output', 'json']);
    expect(h.code).toBe(0);
    expect(JSON.parse(h.out).runs.map((r: { sweepId: string }) => r.sweepId)).toEqual(['sw-2', 'sw-1']);
    const m = cli(['mesh', 'compare', 'east', 'west', '--db', db]);
    expect(m.out).toMatch(/west cannot see east/);
    expect(m.out).not.toMatch(/east cannot see west/);
    const mj = JSON.parse(cli(['mesh', 'compare', 'east', 'west', '--db', db, '--output', 'json']).out);
    expect([mj.a.seesPeer, mj.b.seesPeer]).toEqual([true, false]);
    const out = join(dir, 'w.html');
    expect(
      cli(['report', 'weekly', '--week', '2026-W47', '--format', 'html', '--out', out, '--db', db]).code,
    ).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('mesh.peer.connected');
    const md = cli(['report', 'weekly', '--week', '2026-W47', '--db', db]);
    expect(md.out).toMatch(/# fleetcheck weekly report 2026-W47/);
    const missing = cli(['history', 'nowhere', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/unknown cluster nowhere/);
    expect(cli(['mesh', 'compare', 'east', 'nowhere', '--db', db]).code).toBe(2);
    const self = cli(['mesh', 'compare', 'east', 'east', '--db', db]);
    expect(self.code).toBe(2);
    expect(self.err).toMatch(/invalid-input: a mesh pair needs two different clusters, got east twice/);
    expect(self.out).toBe('');
  });

  it('report weekly serves the stored report of a week that has ended', async () => {
    const store = await openHistory(db);
    const computed = await store.weeklyReport('2026-W46');
    await store.saveReport('2026-W46', { ...computed, generatedAt: '2026-11-16T06:00:00.000Z' });
    await store.close();
    const r = cli(['report', 'weekly', '--week', '2026-W46', '--format', 'json', '--db', db]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ week: '2026-W46', generatedAt: '2026-11-16T06:00:00.000Z' });
  });

  it('db migrate and prune work on a fresh path', () => {
    const fresh = join(dir, 'sub', 'new.db');
    expect(
      execFileSync(process.execPath, [bin, 'db', 'migrate', '--db', fresh], { encoding: 'utf8' }),
    ).toMatch(/migrated/);
    expect(cli(['db', 'prune', '--db', db, '--retention-days', '0']).code).toBe(2);
    expect(cli(['db', 'prune', '--db', db, '--retention-days', '30']).out).toMatch(/pruned 0 cluster runs/);
  });
});
