import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeHarness, startServeHarness } from '../../bench/serve-harness.ts';

const st = spawnSync('bash', ['scripts/install-schemathesis.sh', '--path'], {
  encoding: 'utf8',
}).stdout.trim();
const installed = existsSync(st);
const required = process.env['CI'] === 'true';
const SEED = '20261127';
const EXAMPLES = '25';
const RUN_LIMIT_MS = 240_000;

function runSchemathesis(
  url: string,
  token: string,
  cwd: string,
): Promise<{ code: number | null; out: string }> {
  const args = [
    '--no-color',
    '--config-file',
    resolve('test/e2e/schemathesis.toml'),
    'run',
    `${url}/openapi.json`,
  ];
  args.push('--checks', 'all', '--max-examples', EXAMPLES, '--seed', SEED, '--workers', '2');
  args.push('--generation-database', 'none', '--request-timeout', '30');
  const child = spawn(st, args, { cwd, env: { ...process.env, FLEETCHECK_API_TOKEN: token } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const limit = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
  return new Promise((done) =>
    child.on('exit', (code) => {
      clearTimeout(limit);
      done({ code, out });
    }),
  );
}

describe.skipIf(!installed && !required)(
  `the API against its own OpenAPI document (Schemathesis${installed ? '' : ': not installed, run scripts/install-schemathesis.sh'})`,
  () => {
    let harness: ServeHarness;
    let dir: string;

    beforeAll(async () => {
      if (!installed)
        throw new Error(`CI=true and Schemathesis is missing at ${st}: run scripts/install-test-deps.sh`);
      dir = await mkdtemp(join(tmpdir(), 'fleetcheck-schemathesis-'));
      harness = await startServeHarness({
        scenario: 'sim/scenarios/healthy.yaml',
        historyDays: 3,
        historyClusters: 4,
        interval: '1h',
      });
    }, 180_000);

    afterAll(async () => {
      await harness?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it(
      'serve answers every generated request without a 5xx, with documented statuses and schema-valid bodies',
      async () => {
        const { code, out } = await runSchemathesis(harness.url, harness.token, dir);
        expect(code, out.slice(-6000)).toBe(0);
        expect(out).toMatch(/No issues found/);
        expect(harness.output()).not.toMatch(/fleetcheck api: /);
        expect(out).not.toContain(harness.token);
      },
      RUN_LIMIT_MS + 10_000,
    );
  },
);
