import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { fakeStore } from './api-fake-store.ts';

interface Operation {
  responses: Record<
    string,
    { content?: Record<string, { schema?: { $ref?: string; required?: string[] } }> }
  >;
  parameters?: { name: string; in: string }[];
}
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, { required?: string[] }> };
};

const examples: Record<string, string> = { name: 'bad-1', id: 'sw_1', a: 'bad-1', b: 'ok-1' };

describe('OpenAPI document', () => {
  const app = createApp({ store: fakeStore().store });

  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every route, and every documented GET answers with a documented status and type', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as Doc;
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/healthz',
        '/metrics',
        '/api/v1/meta',
        '/api/v1/fleet',
        '/api/v1/clusters',
        '/api/v1/clusters/{name}',
        '/api/v1/clusters/{name}/history',
        '/api/v1/sweeps',
        '/api/v1/sweeps/{id}',
        '/api/v1/regressions',
        '/api/v1/flapping',
        '/api/v1/trends',
        '/api/v1/mesh/pairs',
        '/api/v1/mesh/pairs/{a}/{b}',
        '/api/v1/reports/weekly',
      ].sort(),
    );
    for (const [path, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op) continue;
      const url = path.replace(/\{(\w+)\}/g, (_, p: string) => examples[p] ?? p);
      const res = await app.request(url);
      const documented = op.responses[String(res.status)];
      expect(documented, `${url} answered ${res.status}`).toBeDefined();
      const type = (res.headers.get('content-type') ?? '').split(';')[0] ?? '';
      const content = documented?.content ?? {};
      expect(Object.keys(content), url).toContain(type);
      const schema = content[type]?.schema;
      const ref = schema?.$ref?.split('/').pop();
      const required = ref ? doc.components?.schemas?.[ref]?.required : schema?.required;
      if (type === 'application/json' && required) {
        const body = (await res.json()) as Record<string, unknown>;
        for (const key of required) expect(body, `${url} lacks ${key}`).toHaveProperty(key);
      }
      const bad = await app.request(`${url}${url.includes('?') ? '&' : '?'}zzz=1`);
      if (path.startsWith('/api/v1')) {
        expect(bad.status, `${url}?zzz`).toBe(400);
        expect(op.responses['400'], url).toBeDefined();
      }
    }
  });

  it('declares the error answers (400, 401, 429, 500 with the Error schema) on every API operation', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as Doc;
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (path === '/healthz') continue;
      for (const [method, op] of Object.entries(ops)) {
        for (const status of ['400', '401', '429', '500']) {
          const schema = op.responses[status]?.content?.['application/json']?.schema;
          expect(schema?.$ref, `${method} ${path} ${status}`).toBe('#/components/schemas/Error');
        }
      }
    }
    const withNotFound = [
      '/api/v1/clusters/{name}',
      '/api/v1/regressions',
      '/api/v1/trends',
      '/api/v1/flapping',
    ];
    for (const path of withNotFound) expect(doc.paths[path]?.get?.responses['404'], path).toBeDefined();
  });
});
