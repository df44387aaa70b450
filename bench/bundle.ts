import { build } from 'esbuild';

/**
 * Bundles a TypeScript entry into one ESM file for plain `node` (dependencies stay in node_modules), so a
 * benchmark measures the code as shipped rather than the TypeScript loader's transpiling and caches.
 */
export async function bundleEntry(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}
