import { describe, expect, it } from 'vitest';
import { goTime } from '../../core/cilium/go-json-values.ts';
import { healthStatusSchema } from '../../core/cilium/health-json.ts';
import { statusResponseSchema } from '../../core/cilium/status-json.ts';
import type { AgentView } from '../../sim/cilium/agent-view.ts';
import { renderHealthJson } from '../../sim/cilium/render-health-json.ts';
import { renderStatusJson } from '../../sim/cilium/render-status-json.ts';
import { makeAgentView, unreachablePeer } from '../fixtures/agent-view.ts';
import { type JsonKind, jsonShape } from '../fixtures/json-shape.ts';
import { REAL_MINORS, realFixture, realFixtureNames } from '../fixtures/real-cluster.ts';
import { schemaPaths } from '../fixtures/schema-paths.ts';

/**
 * The simulator's JSON for every minor must fit the schema derived from the upstream-shaped fixtures of that minor:
 * a field the parsers read is printed only where real agents of that minor print it, never left out where every
 * fixture has it, and every key path the fixtures know carries a JSON kind real agents print there (`null` included,
 * e.g. `cluster.nodes` is always `null`).
 * The sim and the parsers share no format code; this test is what ties the sim to Cilium's models.
 */

const VERSION = {
  '1.14': '1.14.6',
  '1.15': '1.15.9',
  '1.16': '1.16.5',
  '1.17': '1.17.2',
  '1.18': '1.18.1',
  '1.19': '1.19.1',
};

function views(version: string): AgentView[] {
  const base = makeAgentView({ version });
  const meshed = makeAgentView({ version });
  meshed.mesh = [
    {
      name: 'cluster2',
      ready: true,
      connected: true,
      clusterId: 2,
      numNodes: 3,
      numEndpoints: 25,
      numIdentities: 8,
      numServices: 4,
      numFailures: 0,
      status: 'etcd: 1/1 connected, leases=0, lock leases=0, has-quorum=true',
    },
    unreachablePeer({ name: 'cluster3', numFailures: 2, status: 'not connected', lastFailure: base.now }),
  ];
  const lost = makeAgentView({ version });
  lost.kubernetes = {
    state: 'Failure',
    msg: 'Get "https://10.96.0.1:443/version": dial tcp 10.96.0.1:443: i/o timeout',
  };
  const failing = makeAgentView({ version });
  const peer = failing.healthPeers[1];
  if (peer) peer.endpoint.icmp = { error: 'Connection timed out' };
  return [base, meshed, lost, failing];
}

const KINDS = [
  { prefix: 'status', schema: statusResponseSchema, render: renderStatusJson },
  { prefix: 'health', schema: healthStatusSchema, render: renderHealthJson },
];

describe.each(REAL_MINORS)('simulated Cilium %s JSON fits the fixture-derived schema', (minor) => {
  for (const kind of KINDS) {
    it(`${kind.prefix}: read fields at real paths, with real kinds, none missing`, () => {
      const fixtures = realFixtureNames(`${kind.prefix}-${minor}-`).map((n) => JSON.parse(realFixture(n)));
      expect(fixtures.length).toBeGreaterThan(0);
      const real = new Map<string, Set<JsonKind>>();
      for (const f of fixtures) jsonShape(f, real);
      const read = schemaPaths(kind.schema, goTime).map((f) => f.path);
      const everywhere = read.filter((p) => fixtures.every((f) => jsonShape(f).has(p)));
      const sims = views(VERSION[minor]).map((v) => kind.render(v).stdout);
      for (const out of sims) {
        expect(out.endsWith('}\n\n'), 'ends with the empty line dumpJSON prints').toBe(true);
        const sim = jsonShape(JSON.parse(out));
        for (const path of read)
          if (sim.has(path))
            expect(real.has(path), `${path} is printed by the sim but by no real ${minor} agent`).toBe(true);
        for (const [path, kinds] of sim) {
          const allowed = real.get(path);
          if (allowed) for (const k of kinds) expect([...allowed], `${path} as ${k}`).toContain(k);
        }
        for (const path of everywhere) expect(sim.has(path), `${path} missing`).toBe(true);
      }
    });
  }
});
