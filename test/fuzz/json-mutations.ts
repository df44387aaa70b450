import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const KINDS = ['drop', 'null', 'retype', 'shrink', 'boundary', 'duplicate'] as const;

/** One structural edit at the `at`-th node (modulo the node count) of a JSON document. */
export interface JsonMutation {
  at: number;
  kind: (typeof KINDS)[number];
  value: Json;
}

const BOUNDARY: Json[] = [
  -1,
  0,
  0.5,
  -0.5,
  2 ** 31,
  2 ** 53 + 2,
  1e308,
  -1e308,
  '',
  ' ',
  'x'.repeat(5000),
  '\u0000',
];

function nodePaths(v: Json, base: Path = [], out: Path[] = []): Path[] {
  out.push(base);
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) nodePaths(x, [...base, i], out);
  } else if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) nodePaths(v[k] as Json, [...base, k], out);
  }
  return out;
}

function kindOf(v: Json): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function replacement(m: JsonMutation, old: Json): Json | undefined {
  switch (m.kind) {
    case 'drop':
      return undefined;
    case 'null':
      return null;
    case 'retype':
      return kindOf(m.value) === kindOf(old) ? [m.value] : m.value;
    case 'shrink':
      if (typeof old === 'string') return old.slice(0, Math.floor(old.length / 2));
      if (Array.isArray(old)) return old.slice(0, Math.floor(old.length / 2));
      if (old !== null && typeof old === 'object') {
        const keys = Object.keys(old);
        return Object.fromEntries(keys.slice(0, Math.floor(keys.length / 2)).map((k) => [k, old[k] as Json]));
      }
      return typeof old === 'number' ? -old : old;
    case 'boundary':
      return BOUNDARY[Math.abs(Math.trunc(m.at)) % BOUNDARY.length] as Json;
    case 'duplicate':
      return Array.isArray(old) ? [...old, ...old] : old;
  }
}

/** Applies one mutation to `root` in place; returns the new root (`undefined`: the whole document was dropped). */
export function mutateJson(copy: Json, m: JsonMutation): Json | undefined {
  const paths = nodePaths(copy);
  const path = paths[m.at % paths.length] as Path;
  if (path.length === 0) return replacement(m, copy);
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string, Json>)[key] as Json;
  const last = path[path.length - 1] as string | number;
  const next = replacement(m, (parent as Record<string, Json>)[last] as Json);
  if (next !== undefined) (parent as Record<string, Json>)[last] = next;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete (parent as Record<string, Json>)[last];
  return copy;
}

/** One random structural mutation. */
export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom(...KINDS),
  value: fc.oneof(
    fc.string({ maxLength: 24 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant({}),
    fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  ),
});

/**
 * Text of a seed document after 1–6 structural mutations (dropped, nulled, retyped, shrunk, boundary values,
 * duplicated arrays), sometimes pretty-printed and sometimes cut short (truncated output).
 */
export function mutatedJsonText(seeds: readonly string[]): fc.Arbitrary<string> {
  const docs = seeds.map((s) => JSON.parse(s) as Json);
  return fc
    .record({
      seed: fc.nat({ max: docs.length - 1 }),
      ops: fc.array(jsonMutation, { minLength: 1, maxLength: 6 }),
      pretty: fc.boolean(),
      cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 5 }),
    })
    .map(({ seed, ops, pretty, cut }) => {
      let doc: Json | undefined = structuredClone(docs[seed] as Json);
      for (const op of ops) if (doc !== undefined) doc = mutateJson(doc, op);
      const text = doc === undefined ? '' : JSON.stringify(doc, null, pretty ? 2 : undefined);
      return cut === null ? text : text.slice(0, Math.floor(text.length * cut));
    });
}
