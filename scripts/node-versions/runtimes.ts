import { execFileSync } from 'node:child_process';

/**
 * The LTS lines fleetcheck is tested on besides the machine's Node 20; exact versions of npm's `node` package.
 * Both load better-sqlite3 13 (Node-API, prebuilt in its package), so nothing is compiled per Node (db/sqlite-addon.ts).
 */
export const NODE_VERSIONS = ['22.23.3', '24.21.0'] as const;

export interface NodeRuntime {
  version: string;
  /** The `node` binary. */
  bin: string;
  /** The Node-API version it supports (`process.versions.napi`). */
  napi: number;
}

/**
 * Fetches (once, into npm's npx cache) npm's `node` package at `version` and describes the runtime it holds.
 * @example nodeRuntime('24.21.0').napi // 10
 */
export function nodeRuntime(version: string): NodeRuntime {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const bin = execFileSync(npx, ['-y', '-p', `node@${version}`, 'node', '-p', 'process.execPath'], {
    encoding: 'utf8',
  }).trim();
  const [got, napi] = execFileSync(bin, ['-p', 'process.version + " " + process.versions.napi'], {
    encoding: 'utf8',
  })
    .trim()
    .split(' ');
  if (got !== `v${version}`) throw new Error(`npx node@${version} gave ${got} (${bin})`);
  return { version, bin, napi: Number(napi) };
}
