import { describe, expect, it } from 'vitest';
import { parseHealthText } from '../../core/cilium/health-text.ts';
import { parseClusterMeshLine } from '../../core/cilium/status-text.ts';
import { escapeControl } from '../../core/printable.ts';
import { FakeClusterApi, runFake } from '../fixtures/fake-cluster-api.ts';

describe('inputs the fuzzers found', () => {
  it('a "Cluster health:" count beyond a safe integer or above the total is unparseable, not a count', () => {
    const r = parseHealthText(
      'Cluster health:   99999999999999999999999/2 reachable   (2025-08-03T14:23:55Z)',
    );
    expect(r.ok).toBe(false);
    expect(parseHealthText('Cluster health:   3/2 reachable   (2025-08-03T14:23:55Z)').ok).toBe(false);
    expect(parseHealthText('Cluster health:   1/2 reachable   (2025-08-03T14:23:55Z)').ok).toBe(true);
  });

  it('a ClusterMesh line with an implausible count is not read', () => {
    expect(parseClusterMeshLine('ClusterMesh:   99999999999999999999999/2 remote clusters ready')).toBeNull();
    expect(parseClusterMeshLine('ClusterMesh:   1/2 remote clusters ready')).toEqual({ ready: 1, total: 2 });
  });

  it('control characters from cluster data are escaped in stored messages and subjects', async () => {
    const api = new FakeClusterApi('1.16', 2);
    for (const e of api.endpoints) e.state = '\u001b[31mred\u0007';
    api.editStatus((s) => {
      s['cluster-mesh'].clusters[0].name = 'peer\u001b]0;title\u0007';
    });
    const { run } = await runFake(api, { layers: ['node', 'mesh'], runBusiness: false });
    const eps = run.results.find((r) => r.check === 'node.endpoints.state');
    expect(eps?.message).toContain('\\x1b[31mred\\x07');
    for (const r of run.results) {
      const text = `${r.subject} ${r.message} ${r.hint ?? ''}`;
      expect(escapeControl(text)).toBe(text);
    }
  });
});
