import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const importsOf = (file: string) =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map(
    (m) => m[1] ?? '',
  );

describe('the simulator and the parsers share no format code', () => {
  it('no sim/ file imports from core/ (what the sim renders is judged by upstream-shaped fixtures, not our parsers)', () => {
    const offenders = tsFiles('sim').flatMap((f) =>
      importsOf(f)
        .filter((spec) => /(^|\/)core\//.test(spec))
        .map((spec) => `${f}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no core/ file imports from sim/', () => {
    const offenders = tsFiles('core').flatMap((f) =>
      importsOf(f)
        .filter((spec) => /(^|\/)sim\//.test(spec))
        .map((spec) => `${f}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
