import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { tokensEqual } from '../../server/auth.ts';
import { fakeStore } from './api-fake-store.ts';

const token = 's3cret-token-value';

describe('API bearer auth', () => {
  const app = createApp({ store: fakeStore().store, apiToken: token });

  it('requires the bearer token on every /api/v1 route and /metrics', async () => {
    for (const path of [
      '/api/v1/fleet',
      '/api/v1/clusters/bad-1',
      '/api/v1/meta',
      '/metrics',
      '/api/v1/nothing',
    ]) {
      const none = await app.request(path);
      expect(none.status, path).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const wrong = await app.request(path, { headers: { authorization: 'Bearer s3cret-token-valuX' } });
      expect(wrong.status, path).toBe(401);
      const body = (await wrong.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('access-denied');
      expect(body.error.message).not.toContain(token);
    }
    const post = await app.request('/api/v1/sweeps', { method: 'POST' });
    expect(post.status).toBe(401);
  });

  it('accepts the right token', async () => {
    for (const path of ['/api/v1/fleet', '/metrics']) {
      const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(200);
    }
  });

  it('leaves /healthz, /openapi.json and the dashboard shell open', async () => {
    for (const path of ['/healthz', '/openapi.json', '/', '/assets/main.js']) {
      expect((await app.request(path)).status, path).toBe(200);
    }
  });

  it('needs no token when none is configured', async () => {
    const open = createApp({ store: fakeStore().store });
    expect((await open.request('/api/v1/fleet')).status).toBe(200);
  });

  it('compares tokens of any length without throwing', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abc', 'abd')).toBe(false);
    expect(tokensEqual('ab', 'abc')).toBe(false);
    expect(tokensEqual('', 'abc')).toBe(false);
  });
});
