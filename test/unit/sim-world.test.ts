import { describe, expect, it } from 'vitest';
import { activeFaults } from '../../sim/cluster/faults.ts';
import { renderCluster } from '../../sim/cluster/render.ts';
import { parseScenario, resolveClusters } from '../../sim/scenario/load.ts';
import { buildWorld } from '../../sim/world/model.ts';

const yaml = (seed: number) => `version: 1
seed: ${seed}
clusters:
  - name: alpha
    nodes: 4
    mesh: [beta]
    config: { routing-mode: native }
    kernels: { node-2: "4.19.57" }
  - name: beta
    provider: gke
    ciliumVersion: "1.14.6"
    hubble: false
`;

function snapshot(seed: number) {
  const clusters = resolveClusters(parseScenario(yaml(seed)));
  return clusters.map((c, i) => {
    const world = buildWorld(c, i, seed, Date.parse('2026-01-01T00:00:00Z'));
    const r = renderCluster(world, [], world.startMs);
    return r.objects.map((o) => ({
      resource: o.resource,
      name: o.obj.metadata.name,
      ns: o.obj.metadata.namespace,
      uid: o.obj.metadata.uid,
      ip: o.obj.status?.podIP ?? o.obj.status?.addresses?.[0]?.address,
    }));
  });
}

describe('sim world model', () => {
  it('is deterministic for the same scenario and seed', () => {
    expect(snapshot(42)).toEqual(snapshot(42));
  });

  it('changes names and IPs with the seed', () => {
    const a = snapshot(1)
      .flat()
      .filter((o) => o.resource === 'pods')
      .map((o) => o.name);
    const b = snapshot(2)
      .flat()
      .filter((o) => o.resource === 'pods')
      .map((o) => o.name);
    expect(a).not.toEqual(b);
  });

  it('builds the cilium objects a checker reads', () => {
    const [alpha, beta] = resolveClusters(parseScenario(yaml(7)));
    if (!alpha || !beta) throw new Error('scenario');
    const w = buildWorld(alpha, 0, 7, Date.now());
    const r = renderCluster(w, [], Date.now());
    const of = (res: string) => r.objects.filter((o) => o.resource === res).map((o) => o.obj);
    const agents = of('pods').filter((p) => p.metadata.labels?.['k8s-app'] === 'cilium');
    expect(agents).toHaveLength(4);
    expect(agents[0]?.spec.containers[0].name).toBe('cilium-agent');
    expect(agents[0]?.spec.containers[0].image).toBe(`quay.io/cilium/cilium:v${alpha.ciliumVersion}`);
    expect(of('nodes').find((n) => n.metadata.name === 'node-2')?.status.nodeInfo.kernelVersion).toBe(
      '4.19.57',
    );
    const cm = of('configmaps').find((c) => c.metadata.name === 'cilium-config');
    expect(cm?.data['cluster-name']).toBe('alpha');
    expect(cm?.data['routing-mode']).toBe('native');
    const secret = of('secrets').find((s) => s.metadata.name === 'cilium-clustermesh');
    expect(Buffer.from(secret?.data.beta, 'base64').toString()).toContain('endpoints:');
    expect(of('deployments').map((d) => d.metadata.name)).toContain('hubble-relay');
    expect(of('namespaces').map((n) => n.metadata.name)).toContain('fleetcheck-probe');

    const wb = buildWorld(beta, 1, 7, Date.now());
    const rb = renderCluster(wb, [], Date.now());
    expect(rb.objects.some((o) => o.resource === 'secrets')).toBe(false);
    expect(rb.objects.some((o) => o.obj.metadata.name === 'hubble-relay')).toBe(false);
  });

  it('puts Deployment replicas on different nodes', () => {
    const [alpha] = resolveClusters(parseScenario(yaml(3)));
    if (!alpha) throw new Error('scenario');
    const w = buildWorld(alpha, 0, 3, Date.now());
    const ops = w.pods.filter((p) => p.app === 'cilium-operator').map((p) => p.node);
    expect(new Set(ops).size).toBe(ops.length);
  });

  it('evaluates fault windows against the clock (start+after <= now < start+until)', () => {
    const faults = [{ type: 'hubble-down' as const, after: 10, until: 20 }];
    const start = 1_000_000;
    expect(activeFaults(faults, start, start + 9_999)).toHaveLength(0);
    expect(activeFaults(faults, start, start + 10_000)).toHaveLength(1);
    expect(activeFaults(faults, start, start + 19_999)).toHaveLength(1);
    expect(activeFaults(faults, start, start + 20_000)).toHaveLength(0);
  });
});
