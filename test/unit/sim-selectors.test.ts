import { describe, expect, it } from 'vitest';
import { SelectorError, selectorPredicate } from '../../sim/server/selectors.ts';
import type { KObject, ResourceName } from '../../sim/world/types.ts';

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
  pods.filter(selectorPredicate('pods', label, field, '1.35.4')).map((p) => p.metadata.name);
const error = (resource: ResourceName, label: string | null, field: string | null, version = '1.35.4') => {
  try {
    selectorPredicate(resource, label, field, version);
  } catch (err) {
    if (err instanceof SelectorError) return err.message;
    throw err;
  }
  return undefined;
};
const VALUE_RULE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

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

  it('escapes in field values, skips empty terms, and reads spec.host as spec.nodeName', () => {
    expect(names(null, 'spec.host=n1,,metadata.name!=c')).toEqual(['a']);
    expect(names(null, 'metadata.name=a\\,b')).toEqual([]);
  });

  // Messages as kube-apiserver 1.35.4 / 1.34.4 answered the same selectors (test/apiserver compares them live).
  it('words invalid label keys and values like the apiserver of the version', () => {
    expect(error('pods', '-bad=x', null)).toBe(
      `unable to parse requirement: <nil>: Invalid value: "-bad": name part ${NAME_RULE}`,
    );
    expect(error('pods', 'x=@@', null)).toBe(
      `unable to parse requirement: values[0][x]: Invalid value: "@@": ${VALUE_RULE}`,
    );
    expect(error('pods', `x=${'a'.repeat(64)}`, null, '1.35.4')).toMatch(/: must be no more than 63 bytes$/);
    expect(error('pods', `x=${'a'.repeat(64)}`, null, '1.34.4')).toMatch(
      /: must be no more than 63 characters$/,
    );
    expect(error('pods', 'a/b/c=x', null, '1.34.4')).toMatch(/"a\/b\/c": a qualified name must consist/);
    expect(error('pods', 'a/b/c=x', null, '1.35.4')).toMatch(/"a\/b\/c": a valid label key must consist/);
    expect(error('pods', '/a', null)).toBe(
      'unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty',
    );
    expect(error('pods', 'x in (@b,@a)', null)).toBe(
      `unable to parse requirement: [values[0][x]: Invalid value: "@a": ${VALUE_RULE}, values[1][x]: Invalid value: "@b": ${VALUE_RULE}]`,
    );
    expect(error('pods', 'x>@@', null)).toBe(
      `unable to parse requirement: [values[0]: Invalid value: "@@": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: "@@": ${VALUE_RULE}]`,
    );
    expect(error('pods', 'x=@@', 'foo=bar')).toMatch(/^unable to parse requirement: values\[0\]\[x\]/);
  });

  it('words field selector errors like the apiserver, per resource', () => {
    expect(error('pods', null, 'foo=bar')).toBe('field label not supported: foo');
    expect(error('pods', null, 'spec.nodeName=n,foo=bar,bar=x')).toBe('field label not supported: bar');
    expect(error('nodes', null, 'metadata.namespace=x')).toBe(
      'field label not supported: metadata.namespace',
    );
    expect(error('nodes', null, 'spec.unschedulable=true')).toBeUndefined();
    expect(error('jobs', null, 'status.phase=Running')).toBe(
      'field label "status.phase" not supported for Job',
    );
    expect(error('daemonsets', null, 'spec.x=y')).toBe(
      '"spec.x" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(error('ciliumendpoints', null, 'status.state=ready')).toBe(
      'field label not supported: status.state',
    );
    expect(error('pods', null, 'spec.nodeName')).toBe(
      "invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'",
    );
    expect(error('pods', null, 'spec.nodeName=a=b')).toBe(
      'invalid field selector: unescaped character in value: 61',
    );
    expect(error('pods', null, 'spec.nodeName=a\\b')).toBe(
      'invalid field selector: invalid escape sequence: \\b',
    );
    expect(error('pods', null, 'spec.nodeName=a\\')).toBe(
      'invalid field selector: invalid escape sequence: \\',
    );
  });
});
