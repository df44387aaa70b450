import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.ts';
import { fakeStore } from './api-fake-store.ts';

const prototypeKeys = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
];

describe('dashboard assets', () => {
  const app = createApp({ store: fakeStore().store });
  afterEach(() => vi.restoreAllMocks());

  it('answers 404 (JSON, nothing logged) for object-prototype names and other unknown assets', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    for (const name of [...prototypeKeys, 'nope.js', 'index.html', '..%2Fapp.ts']) {
      const res = await app.request(`/assets/${name}`);
      expect(res.status, name).toBe(404);
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code, name).toBe('not-found');
    }
    expect(stderr).not.toHaveBeenCalled();
  });

  it('serves the known assets with their content type', async () => {
    const js = await app.request('/assets/main.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const css = await app.request('/assets/uPlot.min.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });
});
