import { describe, expect, it } from 'vitest';
import { renderHealthJson } from '../../sim/cilium/render-health-json.ts';
import { renderStatusJson } from '../../sim/cilium/render-status-json.ts';
import { CILIUM_VERSIONS, makeAgentView, unreachablePeer } from '../fixtures/agent-view.ts';

describe('cilium-dbg status -o json (StatusResponse)', () => {
  it.each(CILIUM_VERSIONS)('%s: exposes the model keys with cilium state objects', (version) => {
    const out = renderStatusJson(makeAgentView({ version }));
    expect(out.exitCode).toBe(0);
    const body = JSON.parse(out.stdout) as Record<string, unknown>;
    for (const key of [
      'cilium',
      'kvstore',
      'kubernetes',
      'cluster',
      'cluster-mesh',
      'controllers',
      'hubble',
      'ipam',
      'nodeMonitor',
      'proxy',
    ]) {
      expect(body).toHaveProperty(key);
    }
    expect(body).not.toHaveProperty('container-runtime');
    expect(body.cilium).toEqual({ msg: `${version} (v${version}-ad688277)`, state: 'Ok' });
    expect(body.cluster).toMatchObject({ ciliumHealth: { state: 'Ok' }, self: 'prod/node-1' });
    // ClusterMesh configured (Helm default) without peers: `clusters` nil, printed as null; num-global-services 0
    // omitted. The status API never fills cluster.nodes.
    expect(body['cluster-mesh']).toEqual({ clusters: null });
    expect(body.cluster).toHaveProperty('nodes', null);
  });

  it('exits 0 even when cilium is in Failure (JSON mode never fails on state)', () => {
    const view = makeAgentView();
    view.cilium = { state: 'Failure', msg: 'boom' };
    const out = renderStatusJson(view);
    expect(out.exitCode).toBe(0);
    expect(JSON.parse(out.stdout).cilium).toEqual({ msg: 'boom', state: 'Failure' });
  });

  it('omits false / zero remote-cluster fields like Go omitempty', () => {
    const view = makeAgentView();
    view.mesh = [
      unreachablePeer({ name: 'west', numFailures: 2, status: 'dial tcp 10.1.0.5:2379: i/o timeout' }),
      {
        name: 'east',
        ready: true,
        connected: true,
        clusterId: 2,
        numNodes: 3,
        numEndpoints: 9,
        numIdentities: 4,
        numServices: 1,
        numFailures: 0,
        status: 'etcd: 1/1 connected',
      },
    ];
    const clusters = JSON.parse(renderStatusJson(view).stdout)['cluster-mesh'].clusters as Record<
      string,
      unknown
    >[];
    const west = clusters.find((c) => c.name === 'west') ?? {};
    expect(west).not.toHaveProperty('ready');
    expect(west).not.toHaveProperty('connected');
    expect(west).not.toHaveProperty('num-nodes');
    expect(west['num-failures']).toBe(2);
    const east = clusters.find((c) => c.name === 'east') ?? {};
    expect(east).toMatchObject({ ready: true, connected: true, 'num-nodes': 3, 'num-shared-services': 1 });
    expect(east).not.toHaveProperty('num-failures');
    expect(east.config).toMatchObject({ 'cluster-id': 2 });
  });

  it('controller status carries failure message and counts only when failing', () => {
    const view = makeAgentView();
    view.controllers = [{ name: 'ok-one' }, { name: 'bad-one', failureMessage: 'nope', failureCount: 5 }];
    const ctrls = JSON.parse(renderStatusJson(view).stdout).controllers as {
      name: string;
      status: Record<string, unknown>;
    }[];
    expect(ctrls.find((c) => c.name === 'ok-one')?.status).not.toHaveProperty('last-failure-msg');
    expect(ctrls.find((c) => c.name === 'bad-one')?.status).toMatchObject({
      'last-failure-msg': 'nope',
      'consecutive-failure-count': 5,
    });
  });
});

describe('cilium-health status -o json (HealthStatusResponse)', () => {
  it.each(CILIUM_VERSIONS)('%s: latency in ns when OK, status string only when failing', (version) => {
    const view = makeAgentView({ version });
    const peer = view.healthPeers[1];
    if (peer)
      peer.endpoint.http = { error: 'Get "http://10.244.2.237:4240/hello": context deadline exceeded' };
    const body = JSON.parse(renderHealthJson(view).stdout);
    expect(body.local).toEqual({ name: 'prod/node-1' });
    expect(body.timestamp).toBe('2026-11-25T12:00:00Z');
    const minor = Number(version.split('.')[1]);
    expect('probeInterval' in body).toBe(minor >= 18);
    expect(body.nodes.map((n: { name: string }) => n.name)).toEqual([
      'prod/node-1',
      'prod/node-2',
      'prod/node-3',
    ]);
    const ok = body.nodes[0].host['primary-address'];
    expect(ok.ip).toBe('10.0.0.11');
    expect(ok.icmp).toEqual({
      ...(minor >= 18 ? { lastProbed: '2026-11-25T12:00:00Z' } : {}),
      latency: view.healthPeers[0]?.host.icmp.rttNs,
    });
    expect(ok.icmp).not.toHaveProperty('status');
    const bad = body.nodes[1]['health-endpoint']['primary-address'].http;
    expect(bad.status).toContain('context deadline exceeded');
    expect(bad).not.toHaveProperty('latency');
    expect(body.nodes[1].endpoint.ip).toBe('10.244.2.237');
  });
  it('escapes HTML characters like Go encoding/json', () => {
    const view = makeAgentView();
    const peer = view.healthPeers[0];
    if (peer) peer.host.http = { error: 'a <b> & c' };
    expect(renderHealthJson(view).stdout).toContain('a \\u003cb\\u003e \\u0026 c');
  });
});
