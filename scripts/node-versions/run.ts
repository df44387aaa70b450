/**
 * `npm run test:node-versions [-- version…]`: the unit tier and the CLI + demo smoke (the e2e files that spawn the shipped
 * CLI with `process.execPath`) on each Node of NODE_VERSIONS. Any missing piece (no `node` package) fails the tier;
 * nothing is skipped.
 * Usage: node bin/run-ts.mjs scripts/node-versions/run.ts [version…]
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { sqliteAddonPackage } from '../../db/sqlite-addon.ts';
import { NODE_VERSIONS, nodeRuntime } from './runtimes.ts';

/** The e2e files that run `fleetcheck` (--help/--version, sweep/check, demo) as a child process. */
export const SMOKE_FILES = [
  'test/e2e/cli-start.test.ts',
  'test/e2e/cli-sweep-demo.test.ts',
  'test/e2e/service-demo.test.ts',
];

const VITEST = resolve('node_modules/vitest/vitest.mjs');

const versions = process.argv.length > 2 ? process.argv.slice(2) : [...NODE_VERSIONS];
const failed: string[] = [];
for (const version of versions) {
  const started = Date.now();
  const runtime = nodeRuntime(version);
  const addon = sqliteAddonPackage(runtime.napi);
  for (const args of [
    ['run', '--project', 'unit'],
    ['run', '--project', 'e2e', ...SMOKE_FILES],
  ]) {
    process.stderr.write(
      `node-versions: Node ${version} (Node-API ${runtime.napi}, ${addon}): vitest ${args.join(' ')}\n`,
    );
    const run = spawnSync(runtime.bin, [VITEST, ...args], { stdio: 'inherit' });
    if (run.status !== 0)
      failed.push(
        `Node ${version}: vitest ${args.slice(0, 3).join(' ')} (${run.signal ?? `exit ${run.status}`})`,
      );
  }
  process.stderr.write(
    `node-versions: Node ${version} done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
}
if (failed.length > 0) {
  process.stderr.write(`node-versions: FAILED on ${failed.join('; ')}\n`);
  process.exit(1);
}
