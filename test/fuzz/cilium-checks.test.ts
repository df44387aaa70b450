import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Layer } from '../../core/outcome.ts';
import { outcomeSchema } from '../../core/outcome.ts';
import { FakeClusterApi, type Minor, runFake } from '../fixtures/fake-cluster-api.ts';
import { expectOneLine, fuzzAsync } from './fuzz-run.ts';
import { mutatedJsonText } from './json-mutations.ts';
import { ciliumSeeds } from './seeds.ts';
import { crashInputs } from './text-mutations.ts';

const MINORS: Minor[] = ['1.14', '1.15', '1.16', '1.17', '1.18'];
const LAYERS: Layer[] = ['component', 'node', 'config', 'mesh', 'version'];
const RUNS = 2_500;
/** What the API server accepts as a Secret key. */
const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

/** Seeds: the fake's per-node documents (names consistent with its nodes) plus every real-shaped fixture. */
function agentSeeds(kind: 'status' | 'health'): string[] {
  const fromFake = MINORS.flatMap((m) => {
    const api = new FakeClusterApi(m, 2);
    return [...(kind === 'status' ? api.status : api.health).values()].map((d) => JSON.stringify(d));
  });
  return [...fromFake, ...ciliumSeeds(new RegExp(`${kind}[^/]*\\.json$`), 'json')];
}

const statusSeeds = agentSeeds('status');
const healthSeeds = agentSeeds('health');
const odd = fc.oneof(
  fc.string({ maxLength: 30, unit: 'binary' }),
  fc.constantFrom('', '0', '-1', '1e400', '4.18.0-553.el8_10', '99999999999999999999.1'),
);

const clusterInput = fc.record({
  minor: fc.constantFrom(...MINORS),
  status: crashInputs(mutatedJsonText(statusSeeds), statusSeeds),
  health: crashInputs(mutatedJsonText(healthSeeds), healthSeeds),
  onlyNode: fc.option(fc.constantFrom('node-a', 'node-b')),
  kernel: fc.option(odd, { freq: 3 }),
  clusterId: fc.option(odd, { freq: 3 }),
  meshSecret: fc.option(odd, { freq: 3 }),
  endpointState: fc.option(odd, { freq: 3 }),
  image: fc.option(odd, { freq: 3 }),
});
type ClusterInput = typeof clusterInput extends fc.Arbitrary<infer T> ? T : never;

function fakeFrom(input: ClusterInput): FakeClusterApi {
  const api = new FakeClusterApi(input.minor, 2);
  const out = (stdout: string) => ({ stdout, stderr: '', exitCode: 0, truncated: false, durationMs: 1 });
  api.execHook = (pod, argv) => {
    if (input.onlyNode !== null && pod.nodeName !== input.onlyNode) return undefined;
    if (argv[0] === 'cilium-health') return out(input.health);
    return argv[1] === 'status' ? out(input.status) : undefined;
  };
  if (input.kernel !== null) for (const n of api.nodes) n.kernelVersion = input.kernel;
  if (input.clusterId !== null && api.config) api.config['cluster-id'] = input.clusterId;
  if (input.meshSecret !== null) {
    api.meshSecret = { cluster2: input.meshSecret };
    if (SECRET_KEY.test(input.meshSecret))
      api.meshSecret[input.meshSecret] = 'endpoints:\n- https://x:2379\n';
  }
  if (input.endpointState !== null) for (const e of api.endpoints) e.state = input.endpointState;
  if (input.image !== null && api.daemonSet) api.daemonSet.images = [`quay.io/cilium/cilium:${input.image}`];
  return api;
}

describe('checks fed mutated Cilium output and odd cluster facts', () => {
  it(`never crash: ${RUNS} clusters, every outcome a valid verdict or an error with a reason`, async () => {
    await fuzzAsync(
      clusterInput,
      async (input) => {
        const { run } = await runFake(fakeFrom(input), { layers: LAYERS, runBusiness: false });
        expect(run.error).toBeUndefined();
        expect(run.results.length).toBeGreaterThan(0);
        for (const r of run.results) {
          expect(outcomeSchema.safeParse(r).success).toBe(true);
          expect(r.evidence?.['code'], `${r.check}/${r.subject}: ${r.message}`).not.toBe('internal');
          expectOneLine(r.message, 1000);
          expectOneLine(r.subject, 253);
          if (r.status !== 'pass') expect(r.hint, `${r.check}: ${r.message}`).toBeTruthy();
          for (const v of Object.values(r.metrics ?? {})) expect(Number.isFinite(v)).toBe(true);
        }
      },
      RUNS,
    );
  });
});
