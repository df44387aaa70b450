import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), 'public');
const uplotDir = dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js'));

const typesByExt = new Map([
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.html', 'text/html; charset=utf-8'],
]);

/** Asset name → file; nothing outside this map is ever read (no path traversal, no prototype keys). */
const files = new Map<string, string>([
  ['uPlot.iife.min.js', join(uplotDir, 'uPlot.iife.min.js')],
  ['uPlot.min.css', join(uplotDir, 'uPlot.min.css')],
]);
for (const f of [
  'style.css',
  'api.js',
  'dom.js',
  'main.js',
  'meta.js',
  'fleet.js',
  'cluster.js',
  'regressions.js',
  'trends.js',
  'mesh.js',
  'weekly.js',
  'chart.js',
]) {
  files.set(f, join(publicDir, f));
}

const cache = new Map<string, string>();
async function load(file: string): Promise<string> {
  const hit = cache.get(file);
  if (hit !== undefined) return hit;
  const text = await readFile(file, 'utf8');
  cache.set(file, text);
  return text;
}

/** The dashboard shell at `/` and its assets under `/assets/` (uPlot from node_modules; no CDN). */
export function dashboardRoutes() {
  return new Hono()
    .get('/', async (c) => c.html(await load(join(publicDir, 'index.html'))))
    .get('/assets/:file', async (c) => {
      const name = c.req.param('file');
      const file = files.get(name);
      if (!file) return c.json({ error: { code: 'not-found', message: `no asset ${name}` } }, 404);
      const ext = name.slice(name.lastIndexOf('.'));
      return c.body(await load(file), 200, {
        'content-type': typesByExt.get(ext) ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
    });
}
