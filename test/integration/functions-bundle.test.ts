import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { previousIsoWeek } from '../../core/analysis/iso-week.ts';
import { type Args, functionsOf, installFakes } from '../fixtures/events/sst-fakes.ts';

/**
 * Builds every function the SST config defines the way SST's Node runtime does (one esbuild ESM bundle at
 * `<handler path>.mjs`, `nodejs.install` packages external, `copyFiles` copied into the bundle) and loads
 * the bundles, so a missing runtime file or a top-level crash shows up here instead of after a deploy.
 */
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-bundle-'));
const TOKEN = 'bundle-token';
const bundles = new Map<string, string>();
let functions: { name: string; args: Args }[] = [];

async function bundle(fn: { name: string; args: Args }): Promise<void> {
  const root = join(dir, fn.name);
  const handler = String(fn.args.handler);
  const file = handler.slice(0, handler.lastIndexOf('.'));
  const install = (fn.args.nodejs as { install?: string[] } | undefined)?.install ?? [];
  await build({
    entryPoints: [resolve(`${file}.ts`)],
    outfile: join(root, `${file}.mjs`),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    bundle: true,
    keepNames: true,
    logLevel: 'silent',
    external: ['sharp', 'pg-native', ...install],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  for (const copy of (fn.args.copyFiles as { from: string; to: string }[] | undefined) ?? []) {
    mkdirSync(dirname(join(root, copy.to)), { recursive: true });
    cpSync(resolve(copy.from), join(root, copy.to), { recursive: true });
  }
  // Stand-in for the packages SST installs into the bundle (`nodejs.install`).
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
  bundles.set(handler, join(root, `${file}.mjs`));
}

/** Loads a bundle in a plain `node` process (as Lambda would) and feeds it events; prints the results. */
const MARK = '@@bundle-result@@';
const DRIVER = `
const MARK = '${MARK}';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [bundle, eventsFile] = process.argv.slice(2);
const mod = await import(pathToFileURL(bundle).href);
const out = { exports: Object.keys(mod), results: [] };
for (const event of JSON.parse(readFileSync(eventsFile, 'utf8'))) {
  out.results.push(await mod.handler(event, { getRemainingTimeInMillis: () => 60000 }));
}
process.stdout.write('\\n' + MARK + JSON.stringify(out));
process.exit(0);
`;

/** Imported by URL so the main tsc program stays out of infra/ (checked by tsconfig.infra.json). */
const SST_CONFIG = pathToFileURL(resolve('sst.config.ts')).href;

async function invoke(
  handler: string,
  events: unknown[] = [],
  env: Record<string, string | undefined> = {},
): Promise<{ exports: string[]; results: unknown[] }> {
  const file = bundles.get(handler);
  if (!file) throw new Error(`no bundle for ${handler}`);
  const eventsFile = join(dir, 'events.json');
  writeFileSync(eventsFile, JSON.stringify(events));
  const { stdout } = await run(process.execPath, [join(dir, 'driver.mjs'), file, eventsFile], {
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.slice(stdout.lastIndexOf(MARK) + MARK.length)) as {
    exports: string[];
    results: unknown[];
  };
}

beforeAll(async () => {
  const fleet = join(dir, 'fleet.yaml');
  writeFileSync(fleet, ['version: 1', 'eks: { discover: [{ regions: [eu-west-1] }] }'].join('\n'));
  vi.stubEnv('FLEETCHECK_FLEET', fleet);
  const made = installFakes('prod');
  const config = (await import(SST_CONFIG)).default as unknown as { run(): Promise<unknown> };
  await config.run();
  functions = functionsOf(made);
  writeFileSync(join(dir, 'driver.mjs'), DRIVER);
  for (const fn of functions) await bundle(fn);
  vi.stubEnv('FLEETCHECK_DB', join(dir, 'fleetcheck.db'));
  vi.stubEnv('FLEETCHECK_API_TOKEN', TOKEN);
}, 120_000);

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('Lambda bundles', () => {
  it('every function bundles and its module loads in plain node with a handler export', async () => {
    expect(functions.map((f) => f.args.handler).sort()).toEqual([
      'functions/alarms/forward.handler',
      'functions/api/index.handler',
      'functions/cron/plan-sweep.handler',
      'functions/cron/weekly-report.handler',
      'functions/migrate/index.handler',
      'functions/queue/check-cluster.handler',
    ]);
    for (const fn of functions) {
      const handler = String(fn.args.handler);
      const { exports } = await invoke(handler);
      expect(exports, handler).toContain(handler.slice(handler.lastIndexOf('.') + 1));
    }
  });

  it('no bundle holds better-sqlite3: only libSQL is shipped to Lambda', () => {
    for (const file of bundles.values())
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/better-sqlite3/);
  });

  it('the Migrator bundle applies the migrations it ships', async () => {
    const { results } = await invoke('functions/migrate/index.handler', [{ reason: 'deploy' }]);
    expect(results).toEqual([{ migrated: true }]);
  });

  it('in Lambda, a bundle refuses a history database that is a file, and the API refuses to start without a token', async () => {
    const lambda = { AWS_LAMBDA_FUNCTION_NAME: 'fleetcheck-prod-Worker' };
    const worker = invoke('functions/queue/check-cluster.handler', [{ Records: [] }], lambda);
    await expect(worker).rejects.toThrow(/must be a libSQL server/);
    const noToken = { FLEETCHECK_API_TOKEN: undefined, FLEETCHECK_DB: 'libsql://db.invalid' };
    const api = invoke('functions/api/index.handler', [{}], noToken);
    await expect(api).rejects.toThrow(/refuses to start without a token/);
  });

  it('the API bundle serves health, the dashboard, its assets and the API (migrations found beside it)', async () => {
    const base = JSON.parse(
      readFileSync(new URL('../fixtures/events/apigw-v2-fleet.json', import.meta.url), 'utf8'),
    ) as {
      rawPath: string;
      headers: Record<string, string>;
      requestContext: { http: { path: string } };
    };
    const paths = [
      '/healthz',
      '/',
      '/assets/uPlot.iife.min.js',
      '/assets/main.js',
      '/api/v1/fleet',
      '/api/v1/meta',
    ];
    const events = paths.map((path) => {
      const e = structuredClone(base);
      e.rawPath = path;
      e.requestContext.http.path = path;
      e.headers.authorization = `Bearer ${TOKEN}`;
      return e;
    });
    const { results } = await invoke('functions/api/index.handler', events);
    const responses = results as { statusCode: number; body: string }[];
    expect(responses.map((r) => r.statusCode)).toEqual(paths.map(() => 200));
    const meta = JSON.parse(responses[5]?.body ?? '{}') as { version: string };
    expect(meta.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('the weekly-report bundle takes the `{}` an SST Cron sends and reports the week that ended', async () => {
    const { results } = await invoke('functions/cron/weekly-report.handler', [{}]);
    expect(results[0]).toMatchObject({ week: previousIsoWeek(new Date()) });
  });
});
