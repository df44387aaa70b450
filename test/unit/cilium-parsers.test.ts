import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countByState, parseEndpointListJson } from '../../core/cilium/endpoint-json.ts';
import { bareNodeName, endpointPath, parseHealthJson, probeState } from '../../core/cilium/health-json.ts';
import { parseHealthText } from '../../core/cilium/health-text.ts';
import { snippet } from '../../core/cilium/parse-result.ts';
import {
  agentVersionFromStatus,
  failingControllers,
  parseStatusJson,
} from '../../core/cilium/status-json.ts';
import { parseClusterMeshLine, parseStatusBrief } from '../../core/cilium/status-text.ts';
import { parseVersionText, versionFromImage } from '../../core/cilium/version-text.ts';
import { REAL_MINORS, REAL_NODES, realFixture } from '../fixtures/real-cluster.ts';

const fx = (name: string) => readFileSync(new URL(`../fixtures/cilium-out/${name}`, import.meta.url), 'utf8');
const minors = REAL_MINORS;
const VERSION_TEXT_MINORS = ['1.14', '1.15', '1.16', '1.17', '1.18'] as const;

describe('status JSON', () => {
  it.each(minors)('parses the %s fixture', (m) => {
    const r = parseStatusJson(realFixture(`status-${m}-healthy.json`));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.cilium?.state).toBe('Ok');
    expect(agentVersionFromStatus(r.value)?.startsWith(m)).toBe(true);
    const peer = r.value['cluster-mesh']?.clusters[0];
    expect(peer?.name).toBe('cluster2');
    expect(peer?.ready).toBe(true);
    expect(failingControllers(r.value)).toEqual([]);
  });

  it('defaults omitted false/zero values (omitempty)', () => {
    const r = parseStatusJson(
      '{"cilium":{"state":"Ok"},"cluster-mesh":{"clusters":[{"name":"c2","status":"down"}]},"controllers":[{"name":"x","status":{}}]}',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.value['cluster-mesh']?.clusters[0];
    expect(c?.ready).toBe(false);
    expect(c?.connected).toBe(false);
    expect(c?.['num-nodes']).toBe(0);
    expect(r.value.controllers[0]?.status['consecutive-failure-count']).toBe(0);
  });

  it('ignores unknown fields', () => {
    const r = parseStatusJson('{"cilium":{"state":"Ok","future":1},"brand-new-key":{"x":[1,2]}}');
    expect(r.ok).toBe(true);
  });

  it('flags failing controllers', () => {
    const r = parseStatusJson(
      '{"cilium":{"state":"Ok"},"controllers":[{"name":"sync","status":{"consecutive-failure-count":3,"last-failure-msg":"boom"}}]}',
    );
    expect(r.ok && failingControllers(r.value).map((c) => c.name)).toEqual(['sync']);
  });

  it('is strict about types', () => {
    const r = parseStatusJson('{"cilium":{"state":42}}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/cilium\.state/);
    expect(parseStatusJson('{"cilium":{"state":"Sideways"}}').ok).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['garbage', fx('garbage.txt')],
    ['truncated', fx('status-truncated.json')],
    ['non-object', '[1,2,3]'],
  ])('returns an error with a snippet for %s output, never throws', (_name, raw) => {
    const r = parseStatusJson(raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.snippet.length).toBeLessThanOrEqual(120);
    expect([...r.snippet].every((c) => c.charCodeAt(0) >= 0x20)).toBe(true);
  });
});

describe('snippet', () => {
  it('escapes control characters and caps length at 120', () => {
    expect(snippet('\u0000\u0001a\nb')).toBe('\\x00\\x01a\\nb');
    const long = snippet('x'.repeat(500));
    expect(long.length).toBe(120);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('health JSON', () => {
  it.each(minors)('parses the %s fixture', (m) => {
    const r = parseHealthJson(realFixture(`health-${m}-healthy.json`));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const nodes = r.value.nodes ?? [];
    expect(nodes.map((n) => bareNodeName(n.name))).toEqual(REAL_NODES);
    const ep = endpointPath(nodes[1] as (typeof nodes)[number]);
    expect(probeState(ep?.http)).toBe('ok');
    expect(ep?.icmp?.latency).toBeGreaterThan(0);
    expect(r.value.probeInterval === undefined).toBe(Number(m.split('.')[1]) < 18);
  });

  it('treats a non-empty status as failed and a missing probe as unknown', () => {
    const r = parseHealthJson(
      '{"nodes":[{"name":"c/n1","host":{"primary-address":{"ip":"10.0.0.1","icmp":{"latency":1000},"http":{"status":"Get \\"http://10.0.0.1:4240/hello\\": context deadline exceeded"}}}}]}',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const host = r.value.nodes?.[0]?.host?.['primary-address'];
    expect(probeState(host?.icmp)).toBe('ok');
    expect(probeState(host?.http)).toBe('failed');
    expect(probeState(undefined)).toBe('unknown');
  });

  it('accepts null node lists and rejects wrong types', () => {
    expect(parseHealthJson('{"nodes":null}').ok).toBe(true);
    expect(parseHealthJson('{"nodes":[{"name":7}]}').ok).toBe(false);
    expect(
      parseHealthJson('{"nodes":[{"name":"a","host":{"primary-address":{"icmp":{"latency":"fast"}}}}]}').ok,
    ).toBe(false);
  });
});

describe('health text', () => {
  it('parses the classic per-node layout', () => {
    const r = parseHealthText(fx('health-classic-1.16.txt'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.nodes.map((n) => [n.name, n.local, n.failures.length])).toEqual([
      ['kind-worker', true, 0],
      ['cluster1/node2', false, 1],
    ]);
    expect(r.value.nodes[1]?.failures[0]).toMatch(/HTTP to agent: Get/);
  });

  it('names the path and address of a failing secondary (dual-stack) probe in the classic layout', () => {
    // Lines as pkg/health/client formatPathStatus prints them (cilium-cli v0.18.5 vendor).
    const text = [
      'Probe time:   2024-09-25T08:21:22Z',
      'Nodes:',
      '  cluster1/node2:',
      '    Host connectivity to 10.111.0.8:',
      '      ICMP to stack:   OK, RTT=1.173948ms',
      '      HTTP to agent:   OK, RTT=1.2ms',
      '    Secondary Host connectivity to fd00:10::8:',
      '      ICMP to stack:   Connection timed out',
      '      HTTP to agent:   OK, RTT=1.3ms',
      '    Endpoint connectivity to 10.111.128.9:',
      '      ICMP to stack:   OK, RTT=1ms',
      '      HTTP to agent:   OK, RTT=1ms',
    ].join('\n');
    const r = parseHealthText(text);
    expect(r.ok && r.value.nodes[0]?.failures).toEqual([
      'Secondary Host fd00:10::8 ICMP to stack: Connection timed out',
    ]);
  });

  it('parses the 1.18 summary table with the probe interval', () => {
    const r = parseHealthText(fx('health-table-1.18.txt'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.reachable).toBe(1);
    expect(r.value.total).toBe(2);
    expect(r.value.probeIntervalMs).toBeCloseTo(96566.274746, 3);
    expect(r.value.nodes.find((n) => n.name === 'k8s-master-n1')?.failures).toEqual(['node: 0/1']);
    expect(r.value.nodes.find((n) => n.name === 'k8s-worker-n1')?.local).toBe(true);
  });

  it('rejects text without any health content', () => {
    expect(parseHealthText('hello world').ok).toBe(false);
  });
});

describe('endpoint list JSON', () => {
  it('parses endpoints and counts states', () => {
    const r = parseEndpointListJson(fx('endpoint-list-1.16.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(countByState(r.value.map((e) => e.status.state))).toEqual({ ready: 2, 'waiting-for-identity': 1 });
  });
  it('handles null and garbage', () => {
    expect(parseEndpointListJson('null')).toEqual({ ok: true, value: [] });
    expect(parseEndpointListJson('{"id":1}').ok).toBe(false);
  });
});

describe('version and brief text', () => {
  it.each(VERSION_TEXT_MINORS)('parses `cilium-dbg version` of %s', (m) => {
    const r = parseVersionText(fx(`version-${m}.txt`));
    expect(r.ok && r.value.daemon?.startsWith(m)).toBe(true);
  });
  it('rejects non-version text', () => {
    expect(parseVersionText('command not found').ok).toBe(false);
  });
  it('reads versions from image references', () => {
    expect(versionFromImage('quay.io/cilium/cilium:v1.16.5@sha256:abc')).toBe('1.16.5');
    expect(versionFromImage('quay.io/cilium/cilium:v1.18.0-rc.1')).toBe('1.18.0-rc.1');
    expect(versionFromImage('quay.io/cilium/cilium@sha256:abc')).toBeUndefined();
  });
  it('parses --brief output', () => {
    expect(parseStatusBrief(fx('status-brief-ok.txt'))).toEqual({ ok: true, value: { healthy: true } });
    const r = parseStatusBrief(fx('status-brief-kvstore.txt'));
    expect(r.ok && !r.value.healthy && r.value.component).toBe('kvstore');
    expect(parseStatusBrief('cilium: daemon unreachable').ok).toBe(true);
    expect(parseStatusBrief('{').ok).toBe(false);
  });
  it('parses the ClusterMesh line of every version', () => {
    expect(parseClusterMeshLine(fx('status-text-1.16.txt'))).toEqual({ ready: 1, total: 2 });
    expect(parseClusterMeshLine('ClusterMesh:   2/2 clusters ready, 0 global-services')).toEqual({
      ready: 2,
      total: 2,
    });
    expect(parseClusterMeshLine('ClusterMesh:   0/1 remote clusters ready')).toEqual({ ready: 0, total: 1 });
  });
});
