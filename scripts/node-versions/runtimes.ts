import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The LTS lines fleetcheck is tested on besides the machine's Node 20; exact versions of npm's `node` package.
 * Node 24 (24.21.0) is not in yet: better-sqlite3 12.x aborts there when a Statement is collected in a worker
 * thread (`Assertion failed: (env) != nullptr` in RemoveEnvironmentCleanupHook, Node 24's ObjectWrap); the
 * read pool hits it. `npm run test:node-versions -- 24.21.0` runs it by hand.
 */
export const NODE_VERSIONS = ['22.23.3'] as const;

export interface NodeRuntime {
  version: string;
  /** The `node` binary. */
  bin: string;
  /** NODE_MODULE_VERSION, the native-addon ABI. */
  abi: string;
  /** The distribution's headers (include/node with common.gypi), what node-gyp's --nodedir wants. */
  nodedir: string;
}

/**
 * Fetches (once, into npm's npx cache) npm's `node` package at `version` and describes the runtime it holds.
 * @example (await nodeRuntime('24.21.0')).abi // '137'
 */
export function nodeRuntime(version: string): NodeRuntime {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const bin = execFileSync(npx, ['-y', '-p', `node@${version}`, 'node', '-p', 'process.execPath'], {
    encoding: 'utf8',
  }).trim();
  const got = execFileSync(bin, ['-p', 'process.version + " " + process.versions.modules'], {
    encoding: 'utf8',
  })
    .trim()
    .split(' ');
  if (got[0] !== `v${version}`) throw new Error(`npx node@${version} gave ${got[0]} (${bin})`);
  const packages = join(dirname(dirname(bin)), 'node_modules');
  const dist = readdirSync(packages)
    .map((name) => join(packages, name))
    .find((dir) => existsSync(join(dir, 'include/node/common.gypi')));
  if (!dist) throw new Error(`node@${version} ships no include/node headers under ${packages}`);
  return { version, bin, abi: got[1] ?? '', nodedir: dist };
}
