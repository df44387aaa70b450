import { describe, expect, it } from 'vitest';
import { type FleetcheckError, isFleetcheckError } from '../../core/errors.ts';
import { parseFleetFile } from '../../core/fleet/fleet-file.ts';
import { loadFleet } from '../../core/fleet/load-fleet.ts';

const fixture = (f: string) => new URL(`../fixtures/fleet/${f}`, import.meta.url).pathname;

function issuesOf(text: string): string[] {
  try {
    parseFleetFile(text, 'test.yaml');
  } catch (err) {
    expect(isFleetcheckError(err, 'invalid-input')).toBe(true);
    return ((err as FleetcheckError).context.issues as string[]) ?? [];
  }
  throw new Error('expected a validation error');
}

describe('fleet file', () => {
  it('loads clusters with merged defaults, overrides, labels and probe targets', async () => {
    const targets = await loadFleet({ fleetFile: fixture('fleet-good.yaml') });
    expect(targets.map((t) => [t.name, t.provider, t.region, t.source.kind])).toEqual([
      ['prod-use1', 'eks', 'us-east-1', 'kubeconfig'],
      ['weu', 'aks', 'westeurope-2', 'kubeconfig'],
      ['prod-euw1', 'eks', 'eu-west-1', 'eks'],
    ]);
    const [use1, , euw1] = targets;
    expect(use1?.account).toBe('123456789012');
    expect(use1?.labels).toEqual({ owner: 'netops', env: 'prod' });
    expect(use1?.overrides).toEqual({
      sampleAgents: 8,
      latencyWarnMs: 10,
      latencyFailMs: 50,
      detectionBudgetSeconds: 120,
      businessEvery: 4,
    });
    expect(use1?.probeTargets).toEqual([
      { target: '10.0.0.10:443' },
      { target: 'https://status.example.test/healthz' },
      { target: 'db.internal:5432', name: 'db' },
    ]);
    expect(use1?.expectedPeers).toEqual(['prod-euw1']);
    expect(euw1?.source).toEqual({
      kind: 'eks',
      region: 'eu-west-1',
      clusterName: 'prod-euw1',
      roleArn: 'arn:aws:iam::210987654321:role/fleetcheck',
    });
    expect(euw1?.overrides.sampleAgents).toBe(3);
  });

  it('filters by cluster name and names unknown ones', async () => {
    const t = await loadFleet({ fleetFile: fixture('fleet-good.yaml'), contexts: ['weu'] });
    expect(t.map((x) => x.name)).toEqual(['weu']);
    const err = await loadFleet({ fleetFile: fixture('fleet-good.yaml'), contexts: ['nope'] }).catch(
      (e) => e,
    );
    expect(isFleetcheckError(err, 'invalid-input')).toBe(true);
    expect((err as Error).message).toContain('"nope"');
  });

  it('rejects garbage YAML with a (yaml) line', () => {
    const issues = issuesOf('version: 1\nclusters: [ {name: a, context: b\n');
    expect(issues[0]).toMatch(/^\(yaml\): /);
  });

  it('reports bad values as path: reason lines', () => {
    const issues = issuesOf(`
version: 1
defaults: { sampleAgents: 0 }
clusters:
  - name: a
    context: a
    probeTargets: ['not a target', 'host:99999']
    overrides: { latencyWarnMs: -1, bogus: true }
  - name: a
    eks: { region: Mars, name: x }
  - name: c
  - name: d
    context: d
    eks: { region: us-east-1, name: d }
`);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^defaults\.sampleAgents: /),
        'clusters[0].probeTargets[0].target: expected host:port or an http(s) URL',
        'clusters[0].probeTargets[1].target: expected host:port or an http(s) URL',
        expect.stringMatching(/^clusters\[0\]\.overrides\.latencyWarnMs: /),
        'clusters[0].overrides: unknown field(s) bogus',
        'clusters[1].eks.region: expected an AWS region like "us-east-1"',
        'clusters[2].context: required unless the cluster has an eks reference',
        'clusters[3].eks: use either kubeconfig/context or eks, not both',
      ]),
    );
  });

  it('rejects duplicate cluster names', () => {
    expect(issuesOf('version: 1\nclusters: [{name: a, context: a}, {name: a, context: b}]')).toEqual([
      'clusters[1].name: duplicate cluster name "a"',
    ]);
  });

  it('requires version 1 and at least one cluster source', () => {
    expect(issuesOf('version: 2\nclusters: [{name: a, context: a}]')[0]).toMatch(/^version: /);
    expect(issuesOf('version: 1')).toEqual(['clusters: no clusters and no eks.discover entries']);
  });

  it('names a context missing from the kubeconfig', async () => {
    const text = `version: 1\nclusters: [{ name: x, context: missing, kubeconfig: ${fixture('kubeconfig-a.yaml')} }]\n`;
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const dir = await mkdtemp('/tmp/fleet-');
    await writeFile(`${dir}/f.yaml`, text);
    const err = await loadFleet({ fleetFile: `${dir}/f.yaml` }).catch((e) => e);
    expect(isFleetcheckError(err, 'invalid-input')).toBe(true);
    expect((err as Error).message).toContain('"missing"');
  });
});
