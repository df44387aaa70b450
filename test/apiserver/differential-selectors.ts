import type { Step } from './differential-step.ts';

const KS = 'kube-system';
const q = encodeURIComponent;
const pods = (query: string): string => `/api/v1/namespaces/${KS}/pods?${query}`;
const labels = (name: string, selector: string): Step => ({
  name: `label selector, ${name}`,
  who: 'fleetcheck',
  method: 'GET',
  path: pods(`labelSelector=${q(selector)}`),
});
const fields = (name: string, path: string, selector: string, who: Step['who'] = 'fleetcheck'): Step => ({
  name: `field selector, ${name}`,
  who,
  method: 'GET',
  path: `${path}${path.includes('?') ? '&' : '?'}fieldSelector=${q(selector)}`,
});

/** Invalid label keys and values, unknown field labels per kind, and field selector syntax errors. */
export const SELECTOR_STEPS: Step[] = [
  labels('key with a space', 'a b'),
  labels('key starting with a dash', '-bad=x'),
  labels('key with two slashes', 'a/b/c=x'),
  labels('key with an empty prefix', '/a'),
  labels('key with an upper-case prefix and no name', 'Example.com/=x'),
  labels('key name too long', `${'k'.repeat(64)}=x`),
  labels('key prefix too long', `${'p'.repeat(254)}/k`),
  labels('negated bad key', '!-a'),
  labels('bad value', 'x=@@'),
  labels('value too long', `x=${'v'.repeat(64)}`),
  labels('bad values in a set', 'x in (@b,a,@a)'),
  labels('not an integer for >', 'x>1a'),
  labels('bad value for <', 'x<@@'),
  {
    name: 'label and field selector both bad',
    who: 'fleetcheck',
    method: 'GET',
    path: pods(`labelSelector=${q('x=@@')}&fieldSelector=${q('foo=bar')}`),
  },
  fields('unknown on pods', `/api/v1/namespaces/${KS}/pods`, 'foo=bar'),
  fields(
    'first unknown on pods, sorted',
    `/api/v1/namespaces/${KS}/pods`,
    'spec.nodeName=node-1,foo=bar,bar=x',
  ),
  fields('empty label on pods', `/api/v1/namespaces/${KS}/pods`, '=x'),
  fields('spec.nodeName on nodes', '/api/v1/nodes', 'spec.nodeName=node-1'),
  fields('metadata.namespace on nodes', '/api/v1/nodes', 'metadata.namespace=x'),
  fields('status.phase on jobs', '/apis/batch/v1/namespaces/fleetcheck-probe/jobs', 'status.phase=Running'),
  fields('unknown on DaemonSets', `/apis/apps/v1/namespaces/${KS}/daemonsets`, 'spec.x=y', 'admin'),
  fields('unknown on ConfigMaps', `/api/v1/namespaces/${KS}/configmaps`, 'type=x', 'admin'),
  fields('unknown on CiliumEndpoints', '/apis/cilium.io/v2/ciliumendpoints', 'status.state=ready'),
  fields('no operator', `/api/v1/namespaces/${KS}/pods`, 'spec.nodeName'),
  fields('set syntax', `/api/v1/namespaces/${KS}/pods`, 'spec.nodeName in (a)'),
  fields('unescaped =', `/api/v1/namespaces/${KS}/pods`, 'spec.nodeName=a=b'),
  fields('unknown escape', `/api/v1/namespaces/${KS}/pods`, 'spec.nodeName=a\\b'),
  fields('trailing backslash', `/api/v1/namespaces/${KS}/pods`, 'spec.nodeName=a\\'),
];
