import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderHealthText } from '../../sim/cilium/render-health-text.ts';
import { makeAgentView } from '../fixtures/agent-view.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/cilium/${name}`, import.meta.url), 'utf8');
const CLASSIC = ['1.14.6', '1.15.9', '1.16.5'];
const HTTP_ERR =
  'Get "http://10.244.3.237:4240/hello": context deadline exceeded (Client.Timeout exceeded while awaiting headers)';

/** Replaces every run of 2+ spaces by one tab: the column structure without the widths. */
const shape = (line: string) => line.replace(/ {2,}/g, '\t');

function unhealthyView(version: string) {
  const view = makeAgentView({ version });
  const peer = view.healthPeers[2];
  if (peer) peer.endpoint.http = { error: HTTP_ERR };
  return view;
}

describe('cilium-health status text, classic layout (≤1.16)', () => {
  it.each(CLASSIC)('%s: Probe time / Nodes / per-node blocks like the reference sample', (version) => {
    const out = renderHealthText(unhealthyView(version));
    expect(out.exitCode).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('Probe time:   2026-11-25T12:00:00Z');
    expect(lines[1]).toBe('Nodes:');
    expect(lines[2]).toBe('  prod/node-1 (localhost):');
    expect(lines[3]).toBe('    Host connectivity to 10.0.0.11:');
    expect(lines[4]).toBe('      ICMP to stack:   OK, RTT=220.002µs');
    expect(out.stdout).toContain('  prod/node-2:\n');
    expect(out.stdout).toContain('    Endpoint connectivity to 10.244.3.237:\n');
    expect(out.stdout).toContain(`      HTTP to agent:   ${HTTP_ERR}\n`);
    // same prefixes and column gaps as the real sample
    const sample = fixture('health-classic.txt').split('\n');
    expect(shape(lines[4] ?? '').split('\t')[0]).toBe(shape(sample[4] ?? '').split('\t')[0]);
  });

  it('--succinct prints the reachable/unreachable table for every node', () => {
    const text = renderHealthText(unhealthyView('1.16.5'), { succinct: true }).stdout;
    expect(text.split('\n').slice(0, 5)).toEqual([
      'Cluster health:             2/3 reachable   (2026-11-25T12:00:00Z)',
      '  Name                      IP              Node        Endpoints',
      '  prod/node-1 (localhost)   10.0.0.11       reachable   reachable',
      '  prod/node-2               10.0.0.12       reachable   reachable',
      '  prod/node-3               10.0.0.13       reachable   unreachable',
    ]);
  });
});

// pkg/health/client/client.go: count table from v1.17.0-pre.2 (cilium-cli v0.16.20), probe interval from 1.18.
describe('cilium-health status text, table layout (1.17+)', () => {
  it('1.17: the table without the probe interval, only unhealthy nodes listed', () => {
    const lines = renderHealthText(unhealthyView('1.17.6')).stdout.split('\n');
    expect(lines[0]).toBe('Cluster health:   2/3 reachable   (2026-11-25T12:00:00Z)');
    expect(shape(lines[1] ?? '')).toBe('Name\tIP\tNode\tEndpoints');
    expect(lines.slice(2)).toEqual(['  prod/node-3   10.0.0.13   1/1   0/1', '']);
  });

  it('matches the structure of the real 1.18 sample', () => {
    const text = renderHealthText(unhealthyView('1.18.1')).stdout;
    const lines = text.split('\n');
    const sample = fixture('health-table-1.18.txt').split('\n');
    expect(shape(lines[0] ?? '').split('\t').length).toBe(shape(sample[0] ?? '').split('\t').length);
    expect(lines[0]).toBe(
      'Cluster health:   2/3 reachable   (2026-11-25T12:00:00Z)   (Probe interval: 1m56.754608943s)',
    );
    expect(lines[1]).toBe('Name              IP              Node                     Endpoints');
    expect(lines[1]).toBe(sample[1]);
    expect(lines.slice(2)).toEqual(['  prod/node-3   10.0.0.13   1/1   0/1', '']);
    expect(text).not.toContain('Probe time:');
  });

  it('--verbose adds per-node blocks with (Last probed: ...)', () => {
    const text = renderHealthText(unhealthyView('1.18.1'), { verbose: true }).stdout;
    expect(text).toMatch(
      /\n {6}ICMP to stack: {3}OK, RTT=220\.002µs\s+\(Last probed: 2026-11-25T12:00:00Z\)\n/,
    );
    expect(text).toContain(`HTTP to agent:   ${HTTP_ERR}   (Last probed: 2026-11-25T12:00:00Z)`);
  });
});
