import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

/** Packages with native code or optional peers: resolved from node_modules at run time, never bundled. */
const EXTERNAL = [
  'better-sqlite3',
  'better-sqlite3-napi',
  '@libsql/client',
  'playwright-core',
  'esbuild',
  'fsevents',
];

/**
 * How fleetcheck's JavaScript is bundled: ESM for Node 20+, dependencies inside except `EXTERNAL`, a chunk per
 * lazily imported module. The benchmarks bundle their children the same way (bench/bundle.ts).
 * No `keepNames`: it wraps every named function in `__name()`, which gives each closure an own `name` property
 * each time it is created. On the 200-cluster sweep benchmark that was 10 MB more allocated and 15 MB more peak
 * RSS (216 vs 232 MB, seven interleaved runs each), at the same CPU. Without it, a function esbuild renames
 * for a clash (`Hono2`) reports that name. No code here reads a function's `name`: errors set theirs.
 */
export const SHIPPED_BUILD = {
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  bundle: true,
  splitting: true,
  legalComments: 'none',
  external: EXTERNAL,
  banner: {
    js: "import { createRequire as __fcRequire } from 'node:module'; const require = __fcRequire(import.meta.url);",
  },
} satisfies BuildOptions;

/**
 * Files the bundled modules read beside themselves (`import.meta.url`): every chunk lands in `dist/`, so each
 * directory is copied there under the name its module looks for.
 */
const BESIDE: { from: string; to: string }[] = [
  { from: 'server/dashboard/public', to: 'public' },
  { from: 'db/migrations', to: 'migrations' },
  { from: 'sim/scenarios', to: 'scenarios' },
];

/** esbuild's account of the build (inputs and imports of every output), written beside the bundle. */
export const METAFILE = 'meta.json';

/**
 * Builds the shipped CLI: `cli/main.ts` as one ESM entry `dist/fleetcheck.mjs` plus a chunk per lazily
 * imported command, dependencies bundled except the native ones; the worker threads started beside their
 * module (server/read-pool/read-pool.ts → `read-worker.mjs`, the demo's server/demo/sim-thread.ts → `sim-thread.mjs`,
 * serve's server/sweep-thread/sweep-thread.ts → `sweep-thread.mjs`) as entries of their own.
 * @example await buildCli('/path/to/fleetcheck') // writes /path/to/fleetcheck/dist/fleetcheck.mjs
 */
export async function buildCli(root: string = process.cwd()): Promise<string> {
  const outdir = join(root, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: {
      fleetcheck: 'cli/main.ts',
      'read-worker': 'server/read-pool/read-worker-main.ts',
      'sim-thread': 'server/demo/sim-thread-main.ts',
      'sweep-thread': 'server/sweep-thread/sweep-thread-main.ts',
    },
    outdir,
    ...SHIPPED_BUILD,
    logLevel: 'warning',
    metafile: true,
  });
  for (const { from, to } of BESIDE) cpSync(join(root, from), join(outdir, to), { recursive: true });
  writeFileSync(join(outdir, METAFILE), JSON.stringify(metafile));
  return join(outdir, 'fleetcheck.mjs');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = await buildCli();
  process.stdout.write(`built ${out}\n`);
}
