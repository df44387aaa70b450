import { describe, expect, it } from 'vitest';
import { sampleAgentPods } from '../../core/checks/sampling.ts';
import type { PodInfo } from '../../core/kube/cluster-api.ts';
import { byCodeUnits } from '../../core/text/compare.ts';

const pod = (name: string, nodeName: string): PodInfo => ({
  name,
  namespace: 'kube-system',
  nodeName,
  phase: 'Running',
  ready: true,
  labels: {},
  containers: [],
});

describe('byCodeUnits', () => {
  it('orders by code units, whatever the locale would say (upper case before lower, "-" before digits)', () => {
    expect(['b', 'a', 'B', 'node-10', 'node-2', 'node1'].sort(byCodeUnits)).toEqual([
      'B',
      'a',
      'b',
      'node-10',
      'node-2',
      'node1',
    ]);
    expect(byCodeUnits('x', 'x')).toBe(0);
  });

  it('picks the same agents on every machine: the first nodes in code-unit order', () => {
    const pods = [pod('cilium-c', 'node1'), pod('cilium-a', 'Node-b'), pod('cilium-b', 'node-a')];
    expect(sampleAgentPods(pods, 2, false).map((p) => p.nodeName)).toEqual(['Node-b', 'node-a']);
  });
});
