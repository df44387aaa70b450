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
 * Fuzzing seeds for one output format: the fixtures under test/fixtures/cilium-real (derived from Cilium's Go
 * models per minor) whose path matches `pattern`; for formats that directory lacks (text output, endpoint
 * list), those of test/fixtures/cilium-out. JSON seeds must parse. Throws when none matches.
 */
export function ciliumSeeds(pattern: RegExp, kind: 'json' | 'text'): string[] {
  for (const d of DIRS) {
    const found = files(join(FIXTURES, d))
      .filter((f) => pattern.test(f.slice(FIXTURES.length)))
      .map((f) => readFileSync(f, 'utf8'))
      .filter((text) => kind === 'text' || parses(text));
    if (found.length > 0) return found;
  }
  throw new Error(`no fuzzing seed matches ${pattern}`);
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
