import { describe, expect, it } from 'vitest';
import { parseHealthText } from '../../core/cilium/health-text.ts';
import { realFixture } from '../fixtures/real-cluster.ts';

const failing = (name: string) => {
  const r = parseHealthText(realFixture(name));
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('cilium-health status text in each upstream layout', () => {
  it('≤1.16 classic blocks: a dead secondary (`Secondary connectivity to`) and a dead endpoint, by path', () => {
    const v = failing('health-1.16-text-classic.txt');
    expect(v.nodes.map((n) => [n.name, n.local])).toEqual([
      ['cluster1/ip-10-0-1-17.ec2.internal', true],
      ['cluster1/ip-10-0-2-41.ec2.internal', false],
      ['cluster1/ip-10-0-3-9.ec2.internal', false],
    ]);
    expect(v.nodes[1]?.failures).toEqual(['Secondary fd00:10:0:2::29 ICMP to stack: Connection timed out']);
    expect(v.nodes[2]?.failures).toEqual([
      'Endpoint 10.0.3.201 ICMP to stack: Connection timed out',
      'Endpoint 10.0.3.201 HTTP to agent: Get "http://10.0.3.201:4240/hello": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
    ]);
  });

  it('1.17 count table: summary without probe interval, rows only for unhealthy nodes', () => {
    const v = failing('health-1.17-text-table.txt');
    expect([v.reachable, v.total, v.probeIntervalMs]).toEqual([1, 3, undefined]);
    expect(v.nodes.map((n) => [n.name, n.failures])).toEqual([
      ['cluster1/ip-10-0-2-41.ec2.internal', ['node: 1/2']],
      ['cluster1/ip-10-0-3-9.ec2.internal', ['endpoints: 0/1']],
    ]);
  });

  it('1.18 --verbose: probe interval on the summary, `(Last probed: …)` kept out of the failure text', () => {
    const v = failing('health-1.18-text-verbose.txt');
    expect(v.probeIntervalMs).toBeCloseTo(116754.608943, 3);
    expect(v.nodes.filter((n) => n.failures.length > 0).map((n) => n.name)).toEqual([
      'cluster1/ip-10-0-3-9.ec2.internal',
    ]);
    expect(v.nodes[2]?.failures[0]).toBe('Endpoint 10.0.3.201 ICMP to stack: Connection timed out');
    expect(v.nodes[2]?.failures[1]).not.toMatch(/Last probed/);
  });
});
