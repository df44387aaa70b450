import { describe, expect, it } from 'vitest';
import { isFleetcheckError } from '../../core/errors.ts';
import { parseFleetFile } from '../../core/fleet/fleet-file.ts';
import { parseScenario, resolveClusters, ScenarioError } from '../../sim/scenario/load.ts';
import { expectOneLine, fuzz } from './fuzz-run.ts';
import { markdownYamlBlocks, mutatedYaml, yamlSeeds } from './yaml-mutations.ts';

const RUNS = 3_000;
const root = (p: string) => new URL(`../../${p}`, import.meta.url).pathname;

/** Runs `load` and returns the error it threw, or undefined when it accepted the input. */
function thrown(load: () => unknown): unknown {
  try {
    load();
    return undefined;
  } catch (err) {
    return err;
  }
}

describe('YAML loaders fed mutated files: accepted, or rejected with one short line', () => {
  it(`scenario loader (${RUNS} mutated scenarios)`, () => {
    fuzz(
      mutatedYaml(yamlSeeds(root('sim/scenarios'))),
      (text) => {
        const err = thrown(() => resolveClusters(parseScenario(text, 'mutated.yaml')));
        if (err === undefined) return;
        expect(err).toBeInstanceOf(ScenarioError);
        expectOneLine((err as ScenarioError).message, 600);
        for (const issue of (err as ScenarioError).issues) expectOneLine(issue, 300);
      },
      RUNS,
    );
  });

  it(`fleet-file loader (${RUNS} mutated fleet files)`, () => {
    const seeds = [
      ...yamlSeeds(root('test/fixtures/fleet')),
      ...markdownYamlBlocks(root('docs/fleet-file.md')),
    ];
    fuzz(
      mutatedYaml(seeds),
      (text) => {
        const err = thrown(() => parseFleetFile(text, 'mutated.yaml'));
        if (err === undefined) return;
        expect(isFleetcheckError(err) && err.code === 'invalid-input', String(err)).toBe(true);
        expectOneLine((err as Error).message, 600);
      },
      RUNS,
    );
  });
});
