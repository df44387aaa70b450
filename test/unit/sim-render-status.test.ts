import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AgentView } from '../../sim/cilium/agent-view.ts';
import { renderStatusBrief } from '../../sim/cilium/render-status-brief.ts';
import { renderStatusText } from '../../sim/cilium/render-status-text.ts';
import { CILIUM_VERSIONS, makeAgentView, unreachablePeer } from '../fixtures/agent-view.ts';

const SAMPLE = readFileSync(new URL('../fixtures/cilium/status-1.16.5.txt', import.meta.url), 'utf8');

/** An AgentView equivalent to the node behind the real 1.16.5 sample in reference/cilium.md. */
function sampleView(): AgentView {
  const view = makeAgentView({ version: '1.16.5', nodes: 3 });
  return {
    ...view,
    commit: 'ad688277',
    clusterId: 1,
    nodeIP: '10.10.0.83',
    podCIDR: '10.69.3.0/24',
    allocatedIPs: 21,
    k8sVersion: '1.32.0',
    kernel: '6.8.0',
    routingMode: 'native',
    kubeProxyReplacement: true,
    cpus: 10,
    now: new Date('2024-12-23T23:27:27Z'),
    hubble: { ...view.hubble, currentFlows: 4095, maxFlows: 4095, flowsPerSecond: 56.1 },
    controllers: [
      { name: 'cilium-health-ep' },
      ...Array.from({ length: 129 }, (_, i) => ({ name: `sync-to-k8s-ciliumendpoint (${i})` })),
    ],
  };
}

/** Lines whose values the AgentView does not carry (API list elided in the sample, router IP). */
const normalise = (text: string) =>
  text
    .split('\n')
    .map((l) =>
      l.replace(/^(Kubernetes APIs:\s+)\[.*\]$/, '$1[...]').replace(/ip \d+\.\d+\.\d+\.\d+,/, 'ip X,'),
    );

describe('cilium-dbg status text', () => {
  it('reproduces the real 1.16.5 sample line for line, including tabwriter column widths', () => {
    const out = renderStatusText(sampleView());
    expect(out.exitCode).toBe(0);
    expect(normalise(out.stdout)).toEqual(normalise(SAMPLE));
  });

  it.each(CILIUM_VERSIONS)(
    '%s: has the version-specific ClusterMesh / Cluster health / Modules lines',
    (version) => {
      const view = makeAgentView({ version });
      view.mesh = [
        {
          name: 'east',
          ready: true,
          connected: true,
          clusterId: 2,
          numNodes: 3,
          numEndpoints: 25,
          numIdentities: 8,
          numServices: 10,
          numFailures: 0,
          status: 'etcd: 1/1 connected, leases=0, lock leases=0, has-quorum=true',
        },
      ];
      const text = renderStatusText(view).stdout;
      const minor = Number(version.split('.')[1]);
      const mesh = text.split('\n').find((l) => l.startsWith('ClusterMesh:')) ?? '';
      // pkg/client/client.go: `remote` from 1.16 (cilium-cli v0.16.14), global-services gone in 1.19 (v0.18.8+)
      if (minor >= 19) expect(mesh).toMatch(/ClusterMesh:\s+1\/1 remote clusters ready$/);
      else if (minor >= 16)
        expect(mesh).toMatch(/ClusterMesh:\s+1\/1 remote clusters ready, 0 global-services$/);
      else expect(mesh).toMatch(/ClusterMesh:\s+1\/1 clusters ready, 0 global-services$/);
      const health = text.split('\n').find((l) => l.startsWith('Cluster health:')) ?? '';
      expect(health).toMatch(/^Cluster health:\s+3\/3 reachable\s+\(2026-11-25T12:00:00Z\)/);
      expect(health.includes('(Probe interval: 1m56.754608943s)')).toBe(minor >= 18);
      expect(text.includes('Modules Health:')).toBe(minor === 16 || minor === 17);
      expect(text.includes('Attach Mode:')).toBe(minor >= 16);
      expect(text).toMatch(/\nCilium:\s+Ok\s+\d+\.\d+\.\d+ \(v\d+\.\d+\.\d+-ad688277\)\n/);
      expect(text).toMatch(
        /\nHubble:\s+Ok\s+Current\/Max Flows: 4095\/4095 \(100\.00%\), Flows\/s: 12\.50\s+Metrics: Ok\n/,
      );
      // ready peers get detail lines only with --all-clusters / --verbose
      expect(text.includes('   east: ready')).toBe(false);
      const verbose = renderStatusText(view, { allClusters: true }).stdout;
      expect(verbose).toContain('   east: ready, 3 nodes, 25 endpoints, 8 identities, 10 services');
      expect(verbose).toContain('   └  etcd: 1/1 connected');
      expect(verbose).toContain(
        '   └  remote configuration: expected=true, retrieved=true, cluster-id=2, kvstoremesh=false, sync-canaries=true',
      );
      expect(verbose).toMatch(
        minor >= 16 ? / 0 reconnections \(last: never\)\n/ : / 0 failures \(last: never\)\n/,
      );
    },
  );

  it('shows ≤1.14 wording "clusters ready" / "failures" and Host Routing for old agents', () => {
    const text = renderStatusText(makeAgentView({ version: '1.13.4' })).stdout;
    expect(text).toMatch(/ClusterMesh:\s+0\/0 clusters ready, 0 global-services/);
    expect(text).toMatch(/\nHost Routing:\s+Legacy\n/);
    expect(text).not.toContain('Routing:   Network:');
  });

  it('always details not-ready mesh peers and lists unhealthy nodes under Cluster health', () => {
    const view = makeAgentView({ version: '1.16.5' });
    view.mesh = [
      unreachablePeer({
        name: 'west',
        numFailures: 4,
        lastFailure: new Date('2026-11-25T11:59:00Z'),
        status: 'context deadline exceeded',
      }),
    ];
    const peer = view.healthPeers[2];
    if (peer) peer.host.icmp = { error: 'Connection timed out' };
    const text = renderStatusText(view).stdout;
    expect(text).toContain(
      '   west: not-ready, 0 nodes, 0 endpoints, 0 identities, 0 services, 4 reconnections (last: 1m0s ago)',
    );
    expect(text).toMatch(/Cluster health:\s+2\/3 reachable/);
    expect(text).toMatch(
      /\n {2}Name\s+IP\s+Node\s+Endpoints\n {2}prod\/node-3\s+10\.0\.0\.13\s+unreachable\s+reachable\n/,
    );
  });

  it('lists failing controllers under the real header', () => {
    const view = makeAgentView();
    view.controllers.push({
      name: 'ipcache-bpf-garbage-collection',
      failureMessage: 'map full',
      failureCount: 3,
    });
    const text = renderStatusText(view).stdout;
    expect(text).toMatch(/Controller Status:\s+30\/31 healthy/);
    expect(text).toMatch(/\n {2}Name\s+Last success\s+Last error\s+Count\s+Message\n/);
    expect(text).toMatch(/\n {2}ipcache-bpf-garbage-collection\s+never\s+\S+ ago\s+3\s+map full/);
  });

  it.each(['Warning', 'Failure'] as const)('cilium %s: exits 1 and stops before Cluster health', (state) => {
    const view = makeAgentView();
    view.cilium = { state, msg: 'Kubernetes service is not ready' };
    const out = renderStatusText(view);
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toMatch(new RegExp(`Cilium:\\s+${state}\\s+Kubernetes service is not ready`));
    expect(out.stdout).toContain('Encryption:');
    expect(out.stdout).not.toContain('Cluster health:');
  });

  it('other components do not affect the exit code', () => {
    const view = makeAgentView();
    view.kvstore = { state: 'Failure', msg: 'etcd: quorum lost' };
    expect(renderStatusText(view).exitCode).toBe(0);
  });
});

describe('cilium-dbg status --brief', () => {
  it('prints OK and exits 0 when healthy', () => {
    expect(renderStatusBrief(makeAgentView())).toEqual({ stdout: 'OK\n', stderr: '', exitCode: 0 });
  });
  it('reports the first failing component in cilium order; exit 1 only for cilium itself', () => {
    const view = makeAgentView();
    view.kubernetes = { state: 'Warning', msg: 'unable to reach apiserver' };
    view.cilium = { state: 'Failure', msg: 'daemon not ready' };
    const out = renderStatusBrief(view);
    expect(out.stdout).toBe('error in kubernetes: unable to reach apiserver\n');
    expect(out.exitCode).toBe(1);
    view.cilium = { state: 'Ok', msg: '' };
    expect(renderStatusBrief(view).exitCode).toBe(0);
  });
  it('falls back to the first failing controller', () => {
    const view = makeAgentView();
    view.controllers.push({ name: 'sync-lb-maps', failureMessage: 'boom' });
    expect(renderStatusBrief(view).stdout).toBe('error in controller sync-lb-maps: boom\n');
  });
});
