import { describe, expect, it } from 'vitest';
import { SelectorError, selectorPredicate } from '../../sim/server/selectors.ts';
import type { KObject } from '../../sim/world/types.ts';

const pod = (name: string, labels: Record<string, string>, node?: string, phase = 'Running'): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'kube-system', uid: name, creationTimestamp: '2026-01-01T00:00:00Z', labels },
  spec: { nodeName: node },
  status: { phase },
});

const pods = [
  pod('a', { 'k8s-app': 'cilium', tier: 'node' }, 'n1'),
  pod('b', { 'k8s-app': 'cilium-operator' }, 'n2', 'Pending'),
  pod('c', { app: 'web' }, 'n1'),
];
const names = (label: string | null, field: string | null) =>
  pods.filter(selectorPredicate(label, field)).map((p) => p.metadata.name);

describe('sim selectors', () => {
  it('matches label selectors with =, ==, !=, in, notin, exists and !exists', () => {
    expect(names('k8s-app=cilium', null)).toEqual(['a']);
    expect(names('k8s-app==cilium', null)).toEqual(['a']);
    expect(names('k8s-app!=cilium', null)).toEqual(['b', 'c']);
    expect(names('k8s-app in (cilium, cilium-operator)', null)).toEqual(['a', 'b']);
    expect(names('k8s-app notin (cilium)', null)).toEqual(['b', 'c']);
    expect(names('tier', null)).toEqual(['a']);
    expect(names('!k8s-app', null)).toEqual(['c']);
    expect(names('k8s-app=cilium,tier=node', null)).toEqual(['a']);
  });

  it('matches field selectors on name, namespace, nodeName and phase', () => {
    expect(names(null, 'metadata.name=b')).toEqual(['b']);
    expect(names(null, 'spec.nodeName=n1')).toEqual(['a', 'c']);
    expect(names(null, 'status.phase!=Running')).toEqual(['b']);
    expect(names(null, 'metadata.namespace=kube-system,spec.nodeName=n2')).toEqual(['b']);
  });

  it('rejects unknown field selectors', () => {
    expect(() => selectorPredicate(null, 'spec.bogus=1')).toThrow(SelectorError);
  });
});
