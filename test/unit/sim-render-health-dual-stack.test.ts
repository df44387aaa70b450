import { describe, expect, it } from 'vitest';
import { parseHealthJson } from '../../core/cilium/health-json.ts';
import { parseHealthText } from '../../core/cilium/health-text.ts';
import { renderHealthJson } from '../../sim/cilium/render-health-json.ts';
import { renderHealthText } from '../../sim/cilium/render-health-text.ts';
import { makeAgentView } from '../fixtures/agent-view.ts';

/** A dual-stack view whose third node's IPv6 host path drops ICMP (pkg/health/client formatNodeStatus layouts). */
function dualStack(version: string) {
  const view = makeAgentView({ version });
  view.healthPeers.forEach((p, i) => {
    const ok = { rttNs: 200_000 };
    p.secondary = {
      nodeIP: `fd00:10::${11 + i}`,
      healthIP: `fd00:64::${11 + i}`,
      host: { icmp: i === 2 ? { error: 'Connection timed out' } : ok, http: ok },
      endpoint: { icmp: ok, http: ok },
    };
  });
  return view;
}

describe('simulated cilium-health output, dual stack', () => {
  it('JSON lists the IPv6 paths as secondary-addresses of host and health endpoint', () => {
    const r = parseHealthJson(renderHealthJson(dualStack('1.16.5')).stdout);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const n = r.value.nodes?.[2];
    expect(n?.host?.['secondary-addresses']?.[0]).toMatchObject({
      ip: 'fd00:10::13',
      icmp: { status: 'Connection timed out' },
    });
    expect(n?.['health-endpoint']?.['secondary-addresses']?.[0]?.ip).toBe('fd00:64::13');
  });

  it('classic text (1.16) shows the failing secondary host path even without --verbose', () => {
    const text = renderHealthText(dualStack('1.16.5')).stdout;
    expect(text).toContain('Secondary Host connectivity to fd00:10::13:');
    expect(text).not.toContain('Secondary Host connectivity to fd00:10::12:');
    const r = parseHealthText(text);
    expect(r.ok && r.value.nodes.flatMap((x) => x.failures)).toEqual([
      'Secondary Host fd00:10::13 ICMP to stack: Connection timed out',
    ]);
  });

  it('the 1.17+ table counts every address and lists the IPs comma-joined', () => {
    const text = renderHealthText(dualStack('1.17.2')).stdout;
    expect(text).toMatch(/prod\/node-3\s+10\.\S+,fd00:10::13\s+1\/2\s+2\/2/);
    const r = parseHealthText(text);
    expect(r.ok && r.value.nodes.map((x) => [x.name, x.failures])).toEqual([['prod/node-3', ['node: 1/2']]]);
  });
});
