import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../sim/scenario/json-schema.ts';
import { parseScenario, resolveClusters, ScenarioError } from '../../sim/scenario/load.ts';
import { faultTypes } from '../../sim/scenario/schema.ts';

function issuesOf(text: string): string[] {
  try {
    parseScenario(text, 'test.yaml');
  } catch (err) {
    if (err instanceof ScenarioError) return err.issues;
    throw err;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('scenario loading', () => {
  it('names the path and the unknown fault type', () => {
    const text = `version: 1
clusters:
  - { name: a }
  - { name: b }
  - { name: c }
  - name: d
    faults:
      - { type: agent-dwn }
`;
    expect(issuesOf(text)).toEqual(['clusters[3].faults[0].type: unknown fault "agent-dwn"']);
  });

  it('reports missing fault parameters, duplicate names and bad YAML', () => {
    expect(
      issuesOf('version: 1\nclusters: [{ name: a, faults: [{ type: health-latency, to: node-1 }] }]')[0],
    ).toMatch(/^clusters\[0\]\.faults\[0\]\.ms: /);
    expect(issuesOf('version: 1\nclusters: [{ name: a }, { name: a }]')).toEqual([
      'clusters[1].name: duplicate cluster name "a"',
    ]);
    expect(issuesOf('version: 1\n  clusters: [')[0]).toMatch(/^\(yaml\): /);
    expect(issuesOf('version: 2\nclusters: [{ name: a }]')[0]).toMatch(/^version: /);
  });

  it('accepts deliberate misconfigurations (same cluster-id, unknown mesh peer)', () => {
    const s = parseScenario(`version: 1
clusters:
  - { name: a, clusterId: 7, mesh: [ghost] }
  - { name: b, clusterId: 7 }
`);
    expect(resolveClusters(s).map((c) => c.clusterId)).toEqual([7, 7]);
  });

  it('applies defaults, per-node kernels and node names', () => {
    const s = parseScenario(`version: 1
defaults: { ciliumVersion: "1.14.19", nodes: 2, kernel: "5.15.0" }
clusters:
  - { name: a, kernels: { node-2: "4.14.1" }, config: { routing-mode: native, enable-ipsec: false } }
  - { name: b, nodeNames: [w1, w2, w3], ciliumVersion: "1.18.2", provider: gke }
`);
    const [a, b] = resolveClusters(s);
    expect(a).toMatchObject({
      clusterId: 1,
      ciliumVersion: '1.14.19',
      nodeNames: ['node-1', 'node-2'],
      kernels: { 'node-1': '5.15.0', 'node-2': '4.14.1' },
      config: { 'routing-mode': 'native', 'enable-ipsec': 'false' },
      provider: 'eks',
    });
    expect(b).toMatchObject({
      clusterId: 2,
      nodeNames: ['w1', 'w2', 'w3'],
      ciliumVersion: '1.18.2',
      provider: 'gke',
    });
  });
});

describe('scenario JSON Schema', () => {
  it('is committed and in sync with the zod schema', async () => {
    const committed = JSON.parse(await readFile('sim/scenario/scenario.schema.json', 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });

  it('lists every fault type', () => {
    const text = JSON.stringify(scenarioJsonSchema());
    for (const t of faultTypes) expect(text).toContain(`"${t}"`);
    expect(faultTypes).toHaveLength(20);
  });
});
