import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { fakeStore } from './api-fake-store.ts';

const now = new Date('2026-11-25T12:30:00Z');
const app = createApp({ store: fakeStore(5).store, now: () => now });

async function answer(path: string, method = 'GET') {
  const res = await app.request(path, { method });
  const body = (await res.json()) as { error?: { code: string; message: string } };
  return { status: res.status, error: body.error, allow: res.headers.get('allow') };
}

describe('API parameters are as strict as the CLI', () => {
  it('answers 404 for a cluster filter naming an unknown cluster (the CLI says "unknown cluster")', async () => {
    for (const path of ['/api/v1/regressions', '/api/v1/flapping', '/api/v1/trends']) {
      const r = await answer(`${path}?cluster=nope`);
      expect(r.status, path).toBe(404);
      expect(r.error?.code).toBe('not-found');
      expect(r.error?.message).toContain("'nope'");
      expect((await answer(`${path}?cluster=bad-1`)).status, path).toBe(200);
    }
  });

  it('answers 400 when from is not before to, on every windowed query', async () => {
    const window = 'from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z';
    for (const path of [
      '/api/v1/clusters/bad-1/history',
      '/api/v1/mesh/pairs/bad-1/ok-1',
      '/api/v1/flapping',
      '/api/v1/trends',
    ]) {
      const r = await answer(`${path}?${window}`);
      expect(r.status, path).toBe(400);
      expect(r.error?.message).toMatch(/'from' must be before 'to'/);
    }
    const ordered = 'from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z';
    expect((await answer(`/api/v1/clusters/bad-1/history?${ordered}`)).status).toBe(200);
  });

  it('takes integers in decimal digits only', async () => {
    for (const value of ['0x10', '1e1', '+5', '%2016', '16.0', '', '0', '501', '99999999999999999999']) {
      const r = await answer(`/api/v1/clusters?limit=${value}`);
      expect(r.status, value).toBe(400);
      expect(r.error?.message, value).toContain('limit');
    }
    expect((await answer('/api/v1/clusters?limit=16')).status).toBe(200);
    expect((await answer('/api/v1/flapping?minChanges=0x2')).status).toBe(400);
    expect((await answer('/api/v1/flapping?minChanges=2')).status).toBe(200);
  });

  it('answers 405 with Allow for a method a known path does not take, 404 for an unknown path', async () => {
    const patch = await answer('/healthz', 'PATCH');
    expect(patch.status).toBe(405);
    expect(patch.allow).toBe('GET, HEAD');
    const del = await answer('/api/v1/sweeps', 'DELETE');
    expect(del.status).toBe(405);
    expect(del.allow).toBe('GET, HEAD, POST');
    expect((await answer('/api/v1/clusters/bad-1', 'PUT')).status).toBe(405);
    expect((await answer('/api/v1/nothing', 'PUT')).status).toBe(404);
  });
});
