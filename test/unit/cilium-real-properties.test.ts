import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { componentAgentStatus } from '../../core/checks/component.agent.status.ts';
import { componentHubbleReady } from '../../core/checks/component.hubble.ready.ts';
import { configHealthDetection } from '../../core/checks/config.health.detection.ts';
import { configMeshIdentity } from '../../core/checks/config.mesh.identity.ts';
import type { CheckDefinition } from '../../core/checks/definition.ts';
import { meshPeerConnected } from '../../core/checks/mesh.peer.connected.ts';
import { nodeHealthLatency } from '../../core/checks/node.health.latency.ts';
import { nodeHealthReachability } from '../../core/checks/node.health.reachability.ts';
import { versionSkew } from '../../core/checks/version.skew.ts';
import { goTime } from '../../core/cilium/go-json-values.ts';
import { healthStatusSchema, parseHealthJson } from '../../core/cilium/health-json.ts';
import type { ParseResult } from '../../core/cilium/parse-result.ts';
import { parseStatusJson, statusResponseSchema } from '../../core/cilium/status-json.ts';
import { minorOf, realCluster, realFixture, realFixtureNames, runChecks } from '../fixtures/real-cluster.ts';
import { goZero, locate, type ReadField, schemaPaths } from '../fixtures/schema-paths.ts';

/**
 * Generated from the upstream-derived fixtures × every field path the parsers read (taken from their schemas):
 * each field set to Go's `null`, left out, or set to its zero value must parse, and the checks reading it must
 * reach a verdict — the same one for `null` and absent (Go nil), and for scalars and lists also for the zero value
 * (what `omitempty` drops) — and never a new `error` (one the fixture itself does not give), except where the
 * meaning is truly unknowable (listed with the reason).
 */

type Kind = {
  prefix: string;
  schema: z.ZodType;
  parse: (raw: string) => ParseResult<unknown>;
  checks: CheckDefinition[];
  unknowable: Record<string, string>;
  output: (raw: string) => { status?: string; health?: string };
};

const KINDS: Kind[] = [
  {
    prefix: 'status-',
    schema: statusResponseSchema,
    parse: parseStatusJson,
    checks: [componentAgentStatus, componentHubbleReady, meshPeerConnected, configMeshIdentity, versionSkew],
    unknowable: {
      cilium: 'no agent state at all: cannot tell whether the agent works',
      'cilium.state': 'no agent state: cannot tell whether the agent works',
    },
    output: (raw) => ({ status: raw }),
  },
  {
    prefix: 'health-',
    schema: healthStatusSchema,
    parse: parseHealthJson,
    checks: [nodeHealthReachability, nodeHealthLatency, configHealthDetection],
    unknowable: {
      nodes: 'no probe result yet (the prober has not run): reachability cannot be judged',
      'nodes[].name': 'paths to unnamed nodes cannot be attributed to any node (Go never omits a node name)',
    },
    output: (raw) => ({ health: raw }),
  },
];

type Variant = 'null' | 'missing' | 'zero';

// biome-ignore lint/suspicious/noExplicitAny: fixture JSON is mutated structurally
function mutate(doc: any, field: ReadField, variant: Variant): string | null {
  const copy = structuredClone(doc);
  const zero = goZero(field.kind);
  if (variant === 'zero' && zero === undefined) return null;
  const spots = locate(copy, field.path);
  if (spots.length === 0) return null;
  for (const [parent, key] of spots) {
    if (variant === 'null') parent[key] = null;
    else if (variant === 'missing') delete parent[key];
    else parent[key] = structuredClone(zero);
  }
  return JSON.stringify(copy, null, 2);
}

const verdicts = (outcomes: { check: string; subject: string; status: string }[]) =>
  outcomes.map((o) => `${o.check} ${o.subject} ${o.status}`).sort();

for (const kind of KINDS) {
  const fields = schemaPaths(kind.schema, goTime);
  describe(`${kind.prefix}* fixtures × ${fields.length} read fields`, () => {
    for (const name of realFixtureNames(kind.prefix)) {
      it(`${name}: null / missing / zero of every read field parses and keeps its meaning`, async () => {
        const doc = JSON.parse(realFixture(name));
        const minor = minorOf(name);
        const baseline = await runChecks(realCluster(minor, kind.output(realFixture(name))), kind.checks);
        const known = new Set(verdicts(baseline.filter((o) => o.status === 'error')));
        let cases = 0;
        for (const field of fields) {
          const byVariant = new Map<Variant, string[]>();
          for (const variant of ['null', 'missing', 'zero'] as const) {
            const raw = mutate(doc, field, variant);
            if (raw === null) continue;
            cases++;
            const parsed = kind.parse(raw);
            expect(parsed, `${field.path}=${variant}`).toMatchObject({ ok: true });
            const outcomes = await runChecks(realCluster(minor, kind.output(raw)), kind.checks);
            const errors = verdicts(outcomes.filter((o) => o.status === 'error')).filter(
              (v) => !known.has(v),
            );
            if (!(field.path in kind.unknowable))
              expect(errors, `${field.path}=${variant} gives error`).toEqual([]);
            byVariant.set(variant, verdicts(outcomes));
          }
          const nil = byVariant.get('null');
          if (nil) expect(byVariant.get('missing'), `${field.path}: null vs missing`).toEqual(nil);
          const zero = byVariant.get('zero');
          if (zero && nil && field.kind !== 'object')
            expect(zero, `${field.path}: zero vs missing (omitempty)`).toEqual(nil);
        }
        expect(cases).toBeGreaterThan(0);
      }, 60_000);
    }
  });
}
