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

/** Source files inside the outputs the entry loads before any action runs (static imports only). */
function startupInputs(meta: Metafile): string[] {
  const seen = new Set<string>();
  const queue = ['dist/fleetcheck.mjs'];
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
    const meta = JSON.parse(readFileSync(join('dist', METAFILE), 'utf8')) as Metafile;
    const inputs = startupInputs(meta);
    expect(inputs).toContain('cli/program.ts');
    const heavy = inputs.filter(
      (f) =>
        !/^(cli\/(main|program|lazy)\.ts|cli\/define\/[^/]+\.ts|core\/layers\.ts|server\/version\.ts|node_modules\/commander\/)/.test(
          f,
        ),
    );
    expect(heavy).toEqual([]);
  });

  it('says how to build when dist/ is missing (exit 2)', async () => {
    mkdirSync(join(scratch, 'bin'));
    copyFileSync(BIN, join(scratch, 'bin/fleetcheck.mjs'));
    const run = await runFile(process.execPath, [join(scratch, 'bin/fleetcheck.mjs'), '--help']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/dist\/fleetcheck\.mjs\) is missing: run `npm ci` or `npm run build`/);
  });
});
