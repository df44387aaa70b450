import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEndpointList } from '../../sim/cilium/render-endpoints.ts';
import { renderVersion } from '../../sim/cilium/render-version.ts';
import { CILIUM_VERSIONS, makeAgentView } from '../fixtures/agent-view.ts';

const SAMPLE = readFileSync(new URL('../fixtures/cilium/endpoint-list.txt', import.meta.url), 'utf8').split(
  '\n',
);

describe('cilium-dbg endpoint list', () => {
  it.each(CILIUM_VERSIONS)(
    '%s: two header lines, one row per endpoint, label continuation lines',
    (version) => {
      const view = makeAgentView({ version });
      const lines = renderEndpointList(view).stdout.replace(/\n$/, '').split('\n');
      const words = (l: string) => l.trim().split(/\s{2,}/);
      expect(words(lines[0] ?? '')).toEqual(words(SAMPLE[0] ?? ''));
      expect(words(lines[1] ?? '')).toEqual(words(SAMPLE[1] ?? ''));
      const ipv4Col = (lines[0] ?? '').indexOf('IPv4');
      const statusCol = (lines[0] ?? '').indexOf('STATUS');
      const labelsCol = (lines[0] ?? '').indexOf('LABELS');
      const health = lines.find((l) => l.startsWith('1433 ')) ?? '';
      expect(health.slice(ipv4Col).startsWith('10.244.1.237')).toBe(true);
      expect(health.slice(statusCol).trim()).toBe('ready');
      expect(words(health)).toEqual([
        '1433',
        'Disabled',
        'Disabled',
        '4',
        'reserved:health',
        '10.244.1.237',
        'ready',
      ]);
      // the host endpoint's second label is a continuation line (blank ENDPOINT column)
      const hostRow = lines.findIndex((l) => l.startsWith('129 '));
      expect(lines[hostRow + 1]?.slice(0, labelsCol).trim()).toBe('');
      expect(lines[hostRow + 1]?.trim()).toBe('reserved:host');
      const rows = lines.filter((l) => /^\d/.test(l));
      expect(rows).toHaveLength(view.endpoints.length);
    },
  );

  it('--no-headers drops both header lines', () => {
    const text = renderEndpointList(makeAgentView(), { noHeaders: true }).stdout;
    expect(text).not.toContain('ENDPOINT');
    expect(text).not.toContain('ENFORCEMENT');
  });

  it('-o json prints a clean Endpoint array', () => {
    const view = makeAgentView();
    const eps = JSON.parse(renderEndpointList(view, { json: true }).stdout);
    expect(eps).toHaveLength(view.endpoints.length);
    const dns = eps.find((e: { id: number }) => e.id === 2718);
    expect(dns.status.state).toBe('ready');
    expect(dns.status.identity.id).toBe(48213);
    expect(dns.status.networking.addressing[0].ipv4).toBe('10.244.1.51');
    expect(dns.status['external-identifiers']).toMatchObject({
      'k8s-namespace': 'kube-system',
      'pod-name': 'kube-system/coredns-5d78c9869d-1x4lk',
    });
    expect(dns.status.health.overallHealth).toBe('OK');
  });
});

describe('cilium-dbg version', () => {
  it.each(CILIUM_VERSIONS)('%s: Client and Daemon lines like the real command', (version) => {
    const lines = renderVersion(makeAgentView({ version })).stdout.split('\n');
    for (const [i, who] of ['Client', 'Daemon'].entries()) {
      expect(lines[i]).toMatch(
        new RegExp(
          `^${who}: ${version.replace(/\./g, '\\.')} ad688277 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00 go version go1\\.\\d+\\.\\d+ linux/amd64$`,
        ),
      );
    }
  });
});
