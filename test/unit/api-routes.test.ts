import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureSweep } from '../../bench/history-fixtures.ts';
import { type Status, worstFirst, worstStatus } from '../../core/outcome.ts';
import { createApp } from '../../server/app.ts';
import { openHistory } from '../../server/open-history.ts';
import { fakeStore } from './api-fake-store.ts';

const now = new Date('2026-11-25T12:30:00Z');

function setup(clusterCount = 5) {
  const fake = fakeStore(clusterCount);
  return { ...fake, app: createApp({ store: fake.store, now: () => now }) };
}

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return body.error;
}

describe('API routes', () => {
  it('serves every resource route with a JSON body from one store call', async () => {
    const { app, calls } = setup();
    const paths: [string, string][] = [
      ['/api/v1/fleet', 'fleet'],
      ['/api/v1/clusters', 'clusters'],
      ['/api/v1/clusters/bad-1', 'cluster'],
      ['/api/v1/clusters/bad-1/history', 'clusterHistory'],
      ['/api/v1/sweeps', 'sweeps'],
      ['/api/v1/sweeps/sw_1', 'sweep'],
      ['/api/v1/regressions', 'regressions'],
      ['/api/v1/flapping', 'flapping'],
      ['/api/v1/trends', 'trends'],
      ['/api/v1/mesh/pairs', 'meshPairs'],
      ['/api/v1/mesh/pairs/bad-1/ok-1', 'meshCompare'],
      ['/api/v1/reports/weekly', 'weeklyReport'],
    ];
    for (const [path, method] of paths) {
      calls.length = 0;
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(calls.map((c) => c.method)).toEqual([method]);
    }
  });

  it('refuses to compare a cluster with itself: 400, store not asked', async () => {
    const { app, calls } = setup();
    calls.length = 0;
    const res = await app.request('/api/v1/mesh/pairs/ok-1/ok-1');
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe('invalid-input');
    expect(err.message).toMatch(/two different clusters, got ok-1 twice/);
    expect(calls).toEqual([]);
  });

  it('answers 404 with the error shape for unknown clusters, sweeps, pairs and paths', async () => {
    const { app } = setup();
    for (const path of [
      '/api/v1/clusters/nope',
      '/api/v1/clusters/nope/history',
      '/api/v1/sweeps/sw_404',
      '/api/v1/mesh/pairs/x/y',
      '/api/v1/nothing',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect((await errorOf(res)).code).toBe('not-found');
    }
    expect((await errorOf(await app.request('/api/v1/clusters/nope'))).message).toContain("'nope'");
  });

  it('rejects unknown and bad query parameters with a 400 naming the parameter', async () => {
    const { app } = setup();
    const cases: [string, string][] = [
      ['/api/v1/fleet?verbose=1', 'verbose'],
      ['/api/v1/clusters?limit=0', 'limit'],
      ['/api/v1/clusters?limit=501', 'limit'],
      ['/api/v1/clusters?limit=ten', 'limit'],
      ['/api/v1/clusters/bad-1/history?from=yesterday', 'from'],
      ['/api/v1/trends?metric=latency', 'metric'],
      ['/api/v1/trends?bucket=week', 'bucket'],
      ['/api/v1/trends?groupBy=zone', 'groupBy'],
      ['/api/v1/trends?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z', 'from'],
      ['/api/v1/trends?bucket=hour&from=2000-01-01T00:00:00Z', 'from'],
      ['/api/v1/regressions?layer=kernel', 'layer'],
      ['/api/v1/regressions?since=soon', 'since'],
      ['/api/v1/regressions?baseline=2026-13-45', 'baseline'],
      ['/api/v1/regressions?cluster=a&cluster=b', 'cluster'],
      ['/api/v1/reports/weekly?week=2026-47', 'week'],
      ['/api/v1/reports/weekly?format=pdf', 'format'],
      ['/api/v1/flapping?minChanges=-1', 'minChanges'],
      ['/api/v1/mesh/pairs?sort=a', 'sort'],
      ['/api/v1/sweeps?page=2', 'page'],
    ];
    for (const [path, param] of cases) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('invalid-input');
      expect(err.message, path).toContain(param);
    }
  });

  it('passes parsed parameters to the store', async () => {
    const { app, calls } = setup();
    await app.request('/api/v1/trends?metric=failures&bucket=day&groupBy=region&from=2026-11-01T00:00:00Z');
    expect(calls[0]?.args[0]).toMatchObject({
      metric: 'failures',
      bucket: 'day',
      groupBy: 'region',
      from: new Date('2026-11-01T00:00:00Z'),
      to: now,
    });
    calls.length = 0;
    await app.request('/api/v1/regressions?baseline=2026-11-20T00:00:00Z&layer=mesh');
    expect(calls[0]?.args[0]).toEqual({ baseline: { at: new Date('2026-11-20T00:00:00Z') }, layer: 'mesh' });
    calls.length = 0;
    await app.request('/api/v1/regressions?baseline=sw_1');
    expect(calls[0]?.args[0]).toEqual({ baseline: { sweepId: 'sw_1' } });
    calls.length = 0;
    await app.request('/api/v1/reports/weekly');
    expect(calls[0]?.args[0]).toBe('2026-W48');
  });

  it('paginates lists by cursor until nextCursor is absent', async () => {
    const { app, names } = setup(12);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await app.request(`/api/v1/clusters?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      const page = (await res.json()) as { items: { name: string }[]; nextCursor?: string };
      seen.push(...page.items.map((i) => i.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(names);
  });

  it('answers a cursor that does not decode with a 400 naming cursor (real store), and follows real cursors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-api-cursor-'));
    const store = await openHistory(join(dir, 'h.db'), { intervalMs: 15 * 60_000 });
    try {
      const clusters = ['a', 'b', 'c'].map((name, i) => ({ name, peers: [], clusterId: i + 1 }));
      for (let i = 0; i < 3; i++)
        await store.saveSweep(fixtureSweep(`s${i}`, new Date(now.getTime() - (3 - i) * 900_000), clusters));
      const app = createApp({ store, now: () => now });
      const lists = ['/api/v1/clusters', '/api/v1/sweeps', '/api/v1/clusters/a/history'];
      const wrongShape = Buffer.from(JSON.stringify({ x: 1 })).toString('base64url');
      for (const path of lists) {
        for (const bad of ['zzz', wrongShape, '%20']) {
          const res = await app.request(`${path}?cursor=${bad}`);
          expect(res.status, `${path} ${bad}`).toBe(400);
          const err = await errorOf(res);
          expect(err.code).toBe('invalid-input');
          expect(err.message).toMatch(/^cursor: /);
        }
        const seen: unknown[] = [];
        let cursor: string | undefined;
        do {
          const res = await app.request(`${path}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
          expect(res.status).toBe(200);
          const page = (await res.json()) as { items: unknown[]; nextCursor?: string };
          seen.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toHaveLength(3);
      }
      // the sweeps cursor is not a clusters cursor
      const sweepsPage = (await (await app.request('/api/v1/sweeps?limit=1')).json()) as {
        nextCursor: string;
      };
      expect((await app.request(`/api/v1/clusters?cursor=${sweepsPage.nextCursor}`)).status).toBe(400);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders the weekly report as Markdown and HTML', async () => {
    const { app } = setup();
    const md = await app.request('/api/v1/reports/weekly?week=2026-W47&format=md');
    expect(md.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(await md.text()).toContain('2026-W47');
    const html = await app.request('/api/v1/reports/weekly?week=2026-W47&format=html');
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(await html.text()).toMatch(/<html/i);
  });

  it('says whether the fleet is simulated', async () => {
    const { store } = fakeStore();
    const sim = createApp({ store, simulated: true });
    expect(await (await sim.request('/api/v1/meta')).json()).toMatchObject({ simulated: true });
    expect(await (await createApp({ store }).request('/api/v1/meta')).json()).toMatchObject({
      simulated: false,
    });
  });

  it('serves the severity order and the layers, the ones verdicts combine and listings sort by', async () => {
    const meta = (await (await setup().app.request('/api/v1/meta')).json()) as {
      severity: Status[];
      layers: string[];
    };
    expect(meta.severity).toEqual(['skip', 'pass', 'warn', 'error', 'fail']);
    expect(meta.layers).toEqual(['component', 'node', 'business', 'config', 'mesh', 'version']);
    for (let i = 1; i < meta.severity.length; i++)
      expect(worstStatus(meta.severity.slice(0, i + 1))).toBe(meta.severity[i]);
    expect([...meta.severity].sort(worstFirst)).toEqual([...meta.severity].reverse());
  });

  it('maps a store failure to a 500 without leaking details', async () => {
    const { store } = fakeStore();
    store.fleet = async () => {
      throw new Error('disk on fire at /secret/path');
    };
    const app = createApp({ store });
    const res = await app.request('/api/v1/fleet');
    expect(res.status).toBe(500);
    expect((await errorOf(res)).message).not.toContain('secret');
  });
});
