import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { defaultCheckSettings } from '../../core/checks/check.ts';
import { clusterChecksRunner } from '../../core/checks/run.ts';
import { kubeconfigTargets } from '../../core/fleet/kubeconfig-targets.ts';
import type { Outcome } from '../../core/outcome.ts';
import type { ClusterReport, SweepReport } from '../../core/sweep/report.ts';
import { runSweep } from '../../core/sweep/run-sweep.ts';
import { parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';

// Issue 9 semantics through the public surface: a sweep of simulated clusters whose agents answer as Cilium does.
const scenario = parseScenario(`
version: 1
defaults:
  nodes: 3
  ciliumVersion: "1.17.2"
  latency: { apiMs: 1, execMs: 5, jobStartSeconds: 0 }
clusters:
  - name: east
    clusterId: 1
    mesh: [west]
    meshSecretIncludesSelf: true
    dualStack: true
    clusterDomain: corp.example
    faults:
      - { type: health-unreachable, to: node-3, family: ipv6, probe: icmp, target: host }
      - { type: health-unreachable, to: west/node-1 }
  - { name: west, clusterId: 2, mesh: [east], meshSecretIncludesSelf: true }
  - { name: other-a, clusterId: 1, mesh: [other-b] }
  - { name: other-b, clusterId: 9, mesh: [other-a] }
  - name: rollout
    clusterId: 20
    faults: [{ type: endpoint-state, state: regenerating, count: 30 }]
  - name: stuck
    clusterId: 21
    faults: [{ type: endpoint-state, state: waiting-for-identity, count: 12 }]
`);

/** Fleet names deliberately differ from the Cilium cluster-names (the simulator's cluster names). */
const FLEET_NAME: Record<string, string> = { east: 'prod-east', west: 'prod-west' };

let sim: Simulator;
let dir: string;
let report: SweepReport;
const cluster = (name: string): ClusterReport => report.clusters.find((c) => c.name === name)!;
const results = (name: string, check: string): Outcome[] =>
  cluster(name).results.filter((r) => r.check === check);
const one = (name: string, check: string, subject: string): Outcome => {
  const found = results(name, check).filter((r) => r.subject === subject);
  expect(found, `${name} ${check} ${subject}`).toHaveLength(1);
  return found[0]!;
};

beforeAll(async () => {
  sim = await startSimulator(scenario);
  dir = mkdtempSync(join(tmpdir(), 'fleetcheck-semantics-'));
  const kc = parse(sim.kubeconfigYaml());
  for (const c of kc.contexts) c.name = FLEET_NAME[c.name] ?? c.name;
  kc['current-context'] = FLEET_NAME[kc['current-context']] ?? kc['current-context'];
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  writeFileSync(kubeconfig, stringify(kc), { mode: 0o600 });
  report = await runSweep({
    targets: kubeconfigTargets({ files: [kubeconfig] }),
    // While node.endpoints.state waits to re-read, the rollout finishes; the stuck endpoints stay stuck.
    runChecks: (api, target, settings, signal) =>
      clusterChecksRunner({
        sleep: async () => {
          if (target.name === 'rollout') sim.setFaults('rollout', []);
        },
      })(api, target, settings, signal),
    settings: { ...defaultCheckSettings, execDeadlineMs: 20_000, apiDeadlineMs: 5_000 },
    clusterDeadlineMs: 60_000,
  });
}, 120_000);

afterAll(async () => {
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('health paths as Cilium judges them', () => {
  it('fails a node whose dead IPv6 secondary path is named with its address; the other nodes pass', () => {
    const r = one('prod-east', 'node.health.reachability', 'node-3');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/node-3 host fd00:[0-9a-f:]+ \(secondary\) ICMP: Connection timed out/);
    expect(one('prod-east', 'node.health.reachability', 'node-2').status).toBe('pass');
  });

  it('reports a failing path to the remote west/node-1 as a mesh data-path result; local node-1 stays pass', () => {
    const r = one('prod-east', 'node.health.reachability', 'west/node-1');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/mesh data paths to west\/node-1 \(cluster west\)/);
    expect(r.evidence).toMatchObject({ meshPeer: 'west', node: 'node-1' });
    expect(r.hint).toMatch(/ClusterMesh peer west/);
    expect(one('prod-east', 'node.health.reachability', 'node-1').status).toBe('pass');
    expect(one('prod-east', 'node.health.reachability', 'west/node-2').status).toBe('pass');
    expect(one('prod-west', 'node.health.reachability', 'east/node-1').status).toBe('pass');
  });
});

describe('ClusterMesh semantics', () => {
  it('ignores each cluster in its own clustermesh secret, as the agents do', () => {
    for (const [name, peer] of [
      ['prod-east', 'west'],
      ['prod-west', 'east'],
    ] as const) {
      expect(results(name, 'mesh.peer.connected').map((r) => [r.subject, r.status])).toEqual([
        [peer, 'pass'],
      ]);
      expect(one(name, 'config.mesh.identity', 'cluster').status).toBe('pass');
    }
  });

  it('pairs clusters by Cilium cluster-name, mapped back to fleet names, with symmetric verdicts', () => {
    const pair = report.meshPairs.find((p) => p.a === 'prod-east' && p.b === 'prod-west');
    expect(pair).toMatchObject({ status: 'pass', aSeesB: true, bSeesA: true });
    expect(report.meshPairs.some((p) => [p.a, p.b].some((n) => n === 'east' || n === 'west'))).toBe(false);
    const skew = (name: string) => results(name, 'version.skew').map((r) => r.status);
    expect(skew('prod-east')).toEqual(skew('prod-west'));
  });

  it('does not count a cluster-id shared across different meshes', () => {
    for (const name of ['prod-east', 'prod-west', 'other-a', 'other-b'])
      expect(
        results(name, 'config.mesh.identity').filter((r) => r.status !== 'pass'),
        name,
      ).toEqual([]);
  });
});

describe('endpoints in transitional states', () => {
  it('passes a rollout whose endpoints finished regenerating by the re-read', () => {
    const r = one('rollout', 'node.endpoints.state', 'cluster');
    expect(r.status).toBe('pass');
    expect(r.evidence?.['settledAfterReRead']).toBe(30);
  });

  it('fails endpoints persistently waiting for an identity', () => {
    const r = one('stuck', 'node.endpoints.state', 'cluster');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/12\/\d+ endpoints not ready \(waiting-for-identity: 12\)/);
  });
});

describe('probe Job in a custom cluster domain', () => {
  it('resolves the API service in the domain CoreDNS serves and reaches it by search path', () => {
    const dns = one('prod-east', 'business.dns.resolve', 'dns');
    expect(dns.status).toBe('pass');
    expect(dns.message).toBe(
      'kubernetes.default.svc.corp.example resolves (cluster domain corp.example (CoreDNS Corefile))',
    );
    expect(results('prod-east', 'business.service.reach').every((r) => r.status === 'pass')).toBe(true);
  });
});
