import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { type JsonMutation, jsonMutation, mutateJson } from './json-mutations.ts';
import { crashInputs, mutatedText } from './text-mutations.ts';

/** Every `.yaml` file under `dir` (recursively), as text. */
export function yamlSeeds(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
}

/** The ```yaml blocks of a Markdown file that parse as YAML. */
export function markdownYamlBlocks(file: string): string[] {
  const blocks = [...readFileSync(file, 'utf8').matchAll(/```ya?ml\n([\s\S]*?)```/g)].map(
    (m) => m[1] as string,
  );
  return blocks.filter((b) => {
    try {
      return parse(b) !== null;
    } catch {
      return false;
    }
  });
}

/** YAML documents after structural mutations of their data, re-rendered in block or flow style. */
function mutatedYamlData(seeds: readonly string[]): fc.Arbitrary<string> {
  const docs = seeds.map((s) => parse(s));
  return fc
    .record({
      seed: fc.nat({ max: docs.length - 1 }),
      ops: fc.array(jsonMutation, { minLength: 1, maxLength: 6 }),
      flow: fc.boolean(),
    })
    .map(({ seed, ops, flow }) => {
      let doc = structuredClone(docs[seed]);
      for (const op of ops as JsonMutation[]) if (doc !== undefined) doc = mutateJson(doc, op);
      return doc === undefined ? '' : stringify(doc, { collectionStyle: flow ? 'flow' : 'any' });
    });
}

/** Mutated YAML: structural edits of the data, line edits of the text, random bytes and byte flips. */
export function mutatedYaml(seeds: readonly string[]): fc.Arbitrary<string> {
  return crashInputs(fc.oneof(mutatedYamlData(seeds), mutatedText(seeds)), seeds);
}
