import { basename, dirname } from 'node:path';
import { build } from 'esbuild';
import { SHIPPED_BUILD } from '../scripts/build-cli.ts';

/**
 * Bundles a TypeScript entry for plain `node` the way the CLI ships (scripts/build-cli.ts: dependencies
 * inside, lazily imported modules in chunks beside `outfile`), so a benchmark measures the code as shipped
 * rather than the TypeScript loader's transpiling and caches.
 */
export async function bundleEntry(entry: string, outfile: string): Promise<string> {
  await build({
    ...SHIPPED_BUILD,
    entryPoints: { [basename(outfile, '.mjs')]: entry },
    outdir: dirname(outfile),
    logLevel: 'error',
  });
  return outfile;
}
