import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import type { NodeRuntime } from './runtimes.ts';

const PACKAGE = resolve('node_modules/better-sqlite3');

/** Where per-ABI builds are kept across `npm ci` runs. */
export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'fleetcheck', 'node-abi');
}

/** node-gyp as bundled with the npm that runs us (npm_execpath under `npm run`, else the npm on PATH). */
function nodeGyp(): string {
  const npmCli =
    process.env.npm_execpath ??
    (process.env.PATH ?? '')
      .split(delimiter)
      .map((d) => join(d, 'npm'))
      .find((f) => existsSync(f));
  if (!npmCli) throw new Error('npm not found (npm_execpath unset, no npm on PATH)');
  const npmRoot = dirname(dirname(realpathSync(npmCli)));
  const gyp = join(npmRoot, 'node_modules/node-gyp/bin/node-gyp.js');
  if (!existsSync(gyp)) throw new Error(`node-gyp not found beside npm (${gyp})`);
  return gyp;
}

/**
 * A copy of node_modules/better-sqlite3 with its addon compiled for `runtime`'s ABI, built once with
 * node-gyp against the headers the `node` package ships (no download) and cached by package and Node version.
 * @example sqliteForRuntime(nodeRuntime('22.23.3')) // ~/.cache/fleetcheck/node-abi/better-sqlite3-12.6.2-node-22.23.3
 */
export function sqliteForRuntime(runtime: NodeRuntime): string {
  const { version } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { version: string };
  const dir = join(cacheRoot(), `better-sqlite3-${version}-node-${runtime.version}`);
  if (existsSync(join(dir, 'build/Release/better_sqlite3.node'))) return dir;
  const work = `${dir}.tmp-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(dirname(work), { recursive: true });
  cpSync(PACKAGE, work, { recursive: true, filter: (src) => src !== join(PACKAGE, 'build') });
  process.stderr.write(`node-versions: compiling better-sqlite3 ${version} for Node ${runtime.version}…\n`);
  const gyp = spawnSync(
    runtime.bin,
    [nodeGyp(), 'rebuild', '--release', `--nodedir=${runtime.nodedir}`, '--jobs=max'],
    { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (gyp.status !== 0)
    throw new Error(
      `node-gyp failed for Node ${runtime.version}:\n${`${gyp.stdout}\n${gyp.stderr}`.slice(-4000)}`,
    );
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
  return dir;
}
