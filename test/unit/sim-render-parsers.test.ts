import { describe, expect, it } from 'vitest';
import { parseEndpointListJson } from '../../core/cilium/endpoint-json.ts';
import { parseHealthJson, probeState } from '../../core/cilium/health-json.ts';
import { parseHealthText } from '../../core/cilium/health-text.ts';
import { failingControllers, parseStatusJson } from '../../core/cilium/status-json.ts';
import { parseClusterMeshLine, parseStatusBrief } from '../../core/cilium/status-text.ts';
import { parseVersionText } from '../../core/cilium/version-text.ts';
import type { CommandResult } from '../../sim/cilium/agent-view.ts';
import { runAgentCommand } from '../../sim/cilium/commands.ts';
import { CILIUM_VERSIONS, makeAgentView, unreachablePeer } from '../fixtures/agent-view.ts';

/** The simulator's output must be what fleetcheck's own Cilium parsers (core/cilium) accept. */

function degradedView(version: string) {
  const view = makeAgentView({ version });
  const peer = view.healthPeers[2];
  if (peer)
    peer.host.http = {
      error: 'Get "http://10.0.0.13:4240/hello": dial tcp 10.0.0.13:4240: connect: connection refused',
    };
  view.controllers.push({ name: 'sync-lb-maps', failureMessage: 'map full', failureCount: 2 });
  view.mesh = [unreachablePeer({ name: 'west', numFailures: 1, status: 'i/o timeout' })];
  return view;
}

function exec(argv: string[], version: string): CommandResult {
  const bin = Number(version.split('.')[1]) >= 15 ? 'cilium-dbg' : 'cilium';
  const out = runAgentCommand(argv[0] === 'cilium-health' ? argv : [bin, ...argv], degradedView(version));
  if ('notFound' in out) throw new Error(out.notFound);
  return out;
}

describe.each(CILIUM_VERSIONS)('core/cilium parsers accept simulated %s output', (version) => {
  it('status -o json / --brief / text ClusterMesh line', () => {
    const status = parseStatusJson(exec(['status', '-o', 'json'], version).stdout);
    if (!status.ok) throw new Error(status.error);
    expect(failingControllers(status.value).map((c) => c.name)).toEqual(['sync-lb-maps']);
    const mesh = status.value['cluster-mesh']?.clusters ?? [];
    expect(mesh.map((c) => [c.name, c.ready])).toEqual([['west', false]]);
    const brief = parseStatusBrief(exec(['status', '--brief'], version).stdout);
    expect(brief).toEqual({
      ok: true,
      value: { healthy: false, component: 'controller sync-lb-maps', message: 'map full' },
    });
    expect(parseClusterMeshLine(exec(['status'], version).stdout)).toEqual({ ready: 0, total: 1 });
  });

  it('cilium-health status (json and text)', () => {
    const json = parseHealthJson(exec(['cilium-health', 'status', '-o', 'json'], version).stdout);
    if (!json.ok) throw new Error(json.error);
    const node3 = json.value.nodes?.find((n) => n.name === 'prod/node-3');
    expect(probeState(node3?.host?.['primary-address']?.http)).toBe('failed');
    expect(probeState(node3?.host?.['primary-address']?.icmp)).toBe('ok');
    const text = parseHealthText(exec(['cilium-health', 'status'], version).stdout);
    if (!text.ok) throw new Error(text.error);
    const failing = text.value.nodes.filter((n) => n.failures.length > 0).map((n) => n.name);
    expect(failing).toEqual(['prod/node-3']);
    // the 1.17+ table lists only unhealthy nodes, so the healthy local node is not in it
    const minor = Number(version.split('.')[1]);
    expect(text.value.nodes.find((n) => n.local)?.name).toBe(minor >= 17 ? undefined : 'prod/node-1');
  });

  it('endpoint list -o json and version', () => {
    const eps = parseEndpointListJson(exec(['endpoint', 'list', '-o', 'json'], version).stdout);
    if (!eps.ok) throw new Error(eps.error);
    expect(eps.value).toHaveLength(3);
    expect(parseVersionText(exec(['version'], version).stdout)).toEqual({
      ok: true,
      value: { client: version, daemon: version },
    });
  });
});
