// Preloaded (`--import`) when the tests run on another Node than the one `npm ci` built better-sqlite3 for:
// every module of node_modules/better-sqlite3 resolves to the copy built for this Node's ABI instead
// (FLEETCHECK_SQLITE_ABI_DIR, made by scripts/node-versions/sqlite-build.ts); the packages that copy
// requires resolve from the original's place, so they come from node_modules.
import { createRequire, isBuiltin, registerHooks } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const target = process.env.FLEETCHECK_SQLITE_ABI_DIR;
if (target) {
  const original = resolve('node_modules/better-sqlite3');
  const from = `${pathToFileURL(original).href}/`;
  const to = `${pathToFileURL(target).href}/`;
  const requireFromOriginal = createRequire(`${original}/package.json`);
  const bare = (s) => !/^(\.|\/|[a-z]+:)/i.test(s) && !isBuiltin(s);
  registerHooks({
    resolve(specifier, context, next) {
      if (context.parentURL?.startsWith(to) && bare(specifier))
        return { url: pathToFileURL(requireFromOriginal.resolve(specifier)).href, shortCircuit: true };
      const found = next(specifier, context);
      return found.url.startsWith(from) ? { ...found, url: to + found.url.slice(from.length) } : found;
    },
  });
}
