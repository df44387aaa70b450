#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm ci` through `prepare`, or `npm run build`).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/fleetcheck.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(
    'fleetcheck: the compiled CLI (dist/fleetcheck.mjs) is missing: run `npm ci` or `npm run build` first\n',
  );
  process.exit(2);
}
await import(bundle.href);
