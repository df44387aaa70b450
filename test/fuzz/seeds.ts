import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const DIRS = ['cilium-real', 'cilium-out'];

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * Fuzzing seeds: every Cilium output fixture (test/fixtures/cilium-real, derived from Cilium's Go models, and
 * test/fixtures/cilium-out) whose path matches `pattern` and, for JSON, that parses. Throws when none does.
 */
export function ciliumSeeds(pattern: RegExp, kind: 'json' | 'text'): string[] {
  const found = DIRS.flatMap((d) => files(join(FIXTURES, d)))
    .filter((f) => pattern.test(f.slice(FIXTURES.length)))
    .map((f) => readFileSync(f, 'utf8'))
    .filter((text) => {
      if (kind === 'text') return true;
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    });
  if (found.length === 0) throw new Error(`no fuzzing seed matches ${pattern}`);
  return found;
}
