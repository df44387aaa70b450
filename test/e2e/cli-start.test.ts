import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { METAFILE } from '../../scripts/build-cli.ts';
import { runFile } from '../fixtures/run-file.ts';

const BIN = resolve('bin/fleetcheck.mjs');
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const scratch = mkdtempSync(join(tmpdir(), 'fleetcheck-start-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const readMeta = () => JSON.parse(readFileSync(join('dist', METAFILE), 'utf8')) as Metafile;

/** Source files inside the outputs `from` loads before any of its code runs (static imports only). */
function startupInputs(meta: Metafile, from = 'dist/fleetcheck.mjs'): string[] {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const out = queue.pop()!;
    if (seen.has(out)) continue;
    seen.add(out);
    for (const i of meta.outputs[out]?.imports ?? [])
      if (i.kind === 'import-statement' && !i.external) queue.push(i.path);
  }
  return [...seen].flatMap((out) => Object.keys(meta.outputs[out]?.inputs ?? {}));
}

describe('the shipped CLI (dist/, built from the sources under test)', () => {
  it('--version prints the package version and exits 0', async () => {
    for (const flag of ['--version', '-V']) {
      const run = await runFile(process.execPath, [BIN, flag]);
      expect(run).toMatchObject({ code: 0, stdout: `${version}\n` });
    }
  });

  it('--help lists every command and exits 0; a command help shows its flags', async () => {
    const run = await runFile(process.execPath, [BIN, '--help']);
    expect(run.code).toBe(0);
    for (const cmd of [
      'demo',
      'serve',
      'sweep',
      'check',
      'history',
      'regressions',
      'report',
      'mesh',
      'simulate',
      'db',
    ])
      expect(run.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
    const sweep = await runFile(process.execPath, [BIN, 'sweep', '--help']);
    expect(sweep.code).toBe(0);
    expect(sweep.stdout).toContain('--layers <list>');
    expect(sweep.stdout).toContain('component,node,business,config,mesh,version');
  });

  it('--help and --version load only commander and the command definitions, no command module', () => {
    const inputs = startupInputs(readMeta());
    expect(inputs).toContain('cli/program.ts');
    const heavy = inputs.filter(
      (f) =>
        !/^(cli\/(main|program|lazy)\.ts|cli\/define\/[^/]+\.ts|core\/layers\.ts|server\/version\.ts|node_modules\/commander\/)/.test(
          f,
        ),
    );
    expect(heavy).toEqual([]);
  });

  it('sweep and check load neither the AWS SDK nor the simulator before a fleet needs them', () => {
    const meta = readMeta();
    for (const command of ['cli/commands/sweep.ts', 'cli/commands/check.ts']) {
      const chunk = Object.keys(meta.outputs).find((out) => meta.outputs[out]?.inputs[command]);
      expect(chunk, command).toBeDefined();
      const inputs = startupInputs(meta, chunk);
      expect(inputs).toContain('core/fleet/load-fleet.ts');
      const lazy = inputs.filter((f) => /^sim\/|node_modules\/(@aws-sdk|@smithy|node-forge)\//.test(f));
      expect(lazy, command).toEqual([]);
    }
  });

  it('says how to build when dist/ is missing (exit 2)', async () => {
    mkdirSync(join(scratch, 'bin'));
    copyFileSync(BIN, join(scratch, 'bin/fleetcheck.mjs'));
    const run = await runFile(process.execPath, [join(scratch, 'bin/fleetcheck.mjs'), '--help']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/dist\/fleetcheck\.mjs\) is missing: run `npm ci` or `npm run build`/);
  });
});
