import { describe, expect, it } from 'vitest';
import { execVerbs } from '../../core/kube/exec-verbs.ts';
import { authorize, type Identity } from '../../sim/rbac/authorize.ts';
import { forbiddenStatus } from '../../sim/rbac/forbidden.ts';
import { deployRbacPolicy, parseRbacPolicy } from '../../sim/rbac/policy.ts';
import { requestAttributes } from '../../sim/rbac/request-attributes.ts';
import { FLEETCHECK_SERVICE_ACCOUNT, serviceAccountIdentity } from '../../sim/rbac/service-account.ts';
import { parseScenario, resolveClusters } from '../../sim/scenario/load.ts';
import { execCreateDenied } from '../../sim/server/exec-authz.ts';
import { parseApiPath } from '../../sim/server/paths.ts';
import { versionInfo } from '../../sim/server/version-info.ts';

const fleetcheck: Identity = { user: 'fleetcheck', groups: ['fleetcheck', 'system:authenticated'] };
const policy = deployRbacPolicy();

function allowed(method: string, url: string, who: Identity = fleetcheck): boolean {
  const u = new URL(url, 'http://x');
  return authorize(
    policy,
    who,
    requestAttributes(method, u.pathname, parseApiPath(u.pathname), u.searchParams),
  );
}

describe('deploy/rbac.yaml as the simulator enforces it', () => {
  it('allows exactly the reads fleetcheck makes', () => {
    expect(allowed('GET', '/api/v1/nodes?limit=500')).toBe(true);
    expect(allowed('GET', '/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dcilium')).toBe(true);
    expect(allowed('GET', '/api/v1/namespaces/fleetcheck-probe/pods?labelSelector=job-name%3Dx')).toBe(true);
    expect(allowed('GET', '/apis/apps/v1/namespaces/kube-system/daemonsets/cilium')).toBe(true);
    expect(allowed('GET', '/apis/apps/v1/namespaces/kube-system/deployments/hubble-relay')).toBe(true);
    expect(allowed('GET', '/api/v1/namespaces/fleetcheck-probe')).toBe(true);
    expect(allowed('GET', '/apis/cilium.io/v2/ciliumendpoints')).toBe(true);
    expect(allowed('POST', '/apis/batch/v1/namespaces/fleetcheck-probe/jobs')).toBe(true);
    expect(allowed('DELETE', '/apis/batch/v1/namespaces/fleetcheck-probe/jobs/probe-1')).toBe(true);
  });

  it('refuses what it does not need: other namespaces, other names, lists of named kinds, watches', () => {
    expect(allowed('GET', '/api/v1/pods')).toBe(false);
    expect(allowed('GET', '/api/v1/namespaces/default/pods')).toBe(false);
    expect(allowed('GET', '/api/v1/namespaces/kube-system/pods/cilium-abcde')).toBe(false);
    expect(allowed('GET', '/apis/apps/v1/namespaces/kube-system/daemonsets')).toBe(false);
    expect(allowed('GET', '/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy')).toBe(false);
    expect(allowed('GET', '/api/v1/namespaces/kube-system/secrets/other')).toBe(false);
    expect(allowed('GET', '/api/v1/namespaces/default')).toBe(false);
    expect(allowed('GET', '/api/v1/nodes?watch=true')).toBe(false);
    expect(allowed('POST', '/apis/batch/v1/namespaces/default/jobs')).toBe(false);
    expect(
      allowed('GET', '/api/v1/nodes', { user: 'system:anonymous', groups: ['system:unauthenticated'] }),
    ).toBe(false);
    expect(allowed('GET', '/version', { user: 'system:anonymous', groups: ['system:unauthenticated'] })).toBe(
      true,
    );
    expect(allowed('GET', '/apis/apps/v1')).toBe(true);
    expect(allowed('GET', '/api/v1/secrets', { user: 'root', groups: ['system:masters'] })).toBe(true);
  });

  it('words a 403 like kube-apiserver, with name, group and resource in details', () => {
    const u = '/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy';
    const attrs = requestAttributes('GET', u, parseApiPath(u), new URLSearchParams());
    expect(forbiddenStatus(fleetcheck, attrs)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'daemonsets.apps "kube-proxy" is forbidden: User "fleetcheck" cannot get resource "daemonsets" in API group "apps" in the namespace "kube-system"',
      reason: 'Forbidden',
      details: { name: 'kube-proxy', group: 'apps', kind: 'daemonsets' },
      code: 403,
    });
    const nodes = requestAttributes(
      'GET',
      '/api/v1/nodes',
      parseApiPath('/api/v1/nodes'),
      new URLSearchParams('watch=1'),
    );
    expect(forbiddenStatus(fleetcheck, nodes).message).toBe(
      'nodes is forbidden: User "fleetcheck" cannot watch resource "nodes" in API group "" at the cluster scope',
    );
  });
});

describe('the ServiceAccount deploy/rbac.yaml binds', () => {
  const sa = serviceAccountIdentity(FLEETCHECK_SERVICE_ACCOUNT);
  const requests: [string, string][] = [
    ['GET', '/api/v1/nodes?limit=500'],
    ['GET', '/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dcilium'],
    ['GET', '/api/v1/namespaces/kube-system/secrets/cilium-clustermesh'],
    ['GET', '/api/v1/namespaces/kube-system/secrets/other'],
    ['GET', '/apis/apps/v1/namespaces/kube-system/daemonsets/cilium'],
    ['GET', '/apis/apps/v1/namespaces/kube-system/daemonsets'],
    ['GET', '/api/v1/namespaces/kube-system/pods/cilium-x/exec?command=true'],
    ['POST', '/api/v1/namespaces/kube-system/pods/cilium-x/exec?command=true'],
    ['GET', '/api/v1/namespaces/fleetcheck-probe/pods/p/log'],
    ['POST', '/apis/batch/v1/namespaces/fleetcheck-probe/jobs'],
    ['POST', '/apis/batch/v1/namespaces/default/jobs'],
    ['GET', '/api/v1/pods'],
    ['GET', '/apis/cilium.io/v2/ciliumnodes'],
    ['GET', '/api/v1/namespaces/fleetcheck/serviceaccounts/fleetcheck'],
  ];

  it('authenticates as system:serviceaccount:fleetcheck:fleetcheck in the ServiceAccount groups', () => {
    expect(sa).toEqual({
      user: 'system:serviceaccount:fleetcheck:fleetcheck',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:fleetcheck', 'system:authenticated'],
    });
  });

  it('is allowed exactly what the group is', () => {
    for (const [method, url] of requests)
      expect(allowed(method, url, sa), `${method} ${url}`).toBe(allowed(method, url));
    expect(requests.filter(([m, u]) => allowed(m, u, sa)).length).toBe(8);
  });

  it('is bound by its ServiceAccount subject: another ServiceAccount, or the same name elsewhere, gets nothing', () => {
    for (const other of [
      serviceAccountIdentity({ namespace: 'fleetcheck', name: 'other' }),
      serviceAccountIdentity({ namespace: 'default', name: 'fleetcheck' }),
    ])
      for (const [method, url] of requests)
        expect(allowed(method, url, other), `${other.user} ${url}`).toBe(false);
  });

  it('reaches the issuer discovery paths like every ServiceAccount (system:service-account-issuer-discovery)', () => {
    expect(allowed('GET', '/.well-known/openid-configuration', sa)).toBe(true);
    expect(allowed('GET', '/openid/v1/jwks', sa)).toBe(true);
    expect(allowed('GET', '/.well-known/openid-configuration')).toBe(false);
  });

  it('grants through the system:serviceaccounts groups', () => {
    const byGroup = (group: string) =>
      parseRbacPolicy(`
kind: ClusterRole
apiVersion: rbac.authorization.k8s.io/v1
metadata: { name: nodes }
rules: [{ apiGroups: [""], resources: ["nodes"], verbs: ["list"] }]
---
kind: ClusterRoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata: { name: nodes }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: nodes }
subjects: [{ kind: Group, name: "${group}" }]
`);
    const attrs = requestAttributes(
      'GET',
      '/api/v1/nodes',
      parseApiPath('/api/v1/nodes'),
      new URLSearchParams(),
    );
    expect(authorize(byGroup('system:serviceaccounts'), sa, attrs)).toBe(true);
    expect(authorize(byGroup('system:serviceaccounts:fleetcheck'), sa, attrs)).toBe(true);
    expect(authorize(byGroup('system:serviceaccounts:default'), sa, attrs)).toBe(false);
    expect(authorize(byGroup('system:serviceaccounts'), fleetcheck, attrs)).toBe(false);
  });

  it('is named in a 403 like kube-apiserver names it', () => {
    const u = '/api/v1/namespaces/kube-system/secrets/other';
    expect(
      forbiddenStatus(sa, requestAttributes('GET', u, parseApiPath(u), new URLSearchParams())).message,
    ).toBe(
      'secrets "other" is forbidden: User "system:serviceaccount:fleetcheck:fleetcheck" cannot get resource "secrets" in API group "" in the namespace "kube-system"',
    );
  });
});

describe('the exec verb rule per Kubernetes version', () => {
  const getOnly = parseRbacPolicy(`
kind: Role
apiVersion: rbac.authorization.k8s.io/v1
metadata: { name: exec, namespace: kube-system }
rules: [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["get"] }]
---
kind: RoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata: { name: exec, namespace: kube-system }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: exec }
subjects: [{ kind: Group, name: fleetcheck }]
`);
  const target = { ns: 'kube-system', pod: 'cilium-x', query: new URLSearchParams() };

  it('needs create on top of get from 1.35 (AuthorizePodWebsocketUpgradeCreatePermission)', () => {
    expect(execCreateDenied('1.34.4', getOnly, fleetcheck, target)).toBeUndefined();
    expect(execCreateDenied('1.35.4', getOnly, fleetcheck, target)).toMatchObject({
      code: 403,
      message: 'pods "cilium-x" is forbidden: ',
      details: { name: 'cilium-x', kind: 'pods' },
    });
    expect(execCreateDenied('1.35.4', policy, fleetcheck, target)).toBeUndefined();
    expect(execVerbs('v1.33.1-eks-1')).toEqual(['get']);
    expect(execVerbs('v1.35.4')).toEqual(['get', 'create']);
  });

  it('serves the scenario kubernetesVersion on /version (emulation fields from 1.33)', () => {
    const [c] = resolveClusters(
      parseScenario('version: 1\nclusters: [{ name: a, kubernetesVersion: "1.33", provider: generic }]'),
    );
    expect(c?.kubernetesVersion).toBe('1.33.0');
    expect(versionInfo(c!)).toMatchObject({
      major: '1',
      minor: '33',
      emulationMinor: '33',
      minCompatibilityMinor: '32',
      gitVersion: 'v1.33.0',
    });
    expect(versionInfo({ kubernetesVersion: '1.32.4', provider: 'eks' })).not.toHaveProperty(
      'emulationMinor',
    );
  });
});
