import { type PolicyRule, type RbacPolicy, subjectMatches } from './policy.ts';

/** Who a request comes from, as the authenticator resolved it. */
export interface Identity {
  user: string;
  groups: string[];
}

/** What a request asks for (the apiserver's authorizer.Attributes). */
export interface RequestAttributes {
  verb: string;
  /** Resource requests: group, resource, optional subresource, namespace and name. */
  resource?: { group: string; resource: string; subresource?: string; namespace?: string; name?: string };
  /** Non-resource requests: the URL path. */
  path: string;
}

/** Paths anyone may GET (bootstrap ClusterRole system:public-info-viewer). */
const PUBLIC = ['/healthz', '/livez', '/readyz', '/version', '/version/'];
/** Paths every authenticated user may GET (bootstrap ClusterRole system:discovery). */
const DISCOVERY = [...PUBLIC, '/api', '/api/*', '/apis', '/apis/*', '/openapi/*'];
/**
 * Paths every ServiceAccount may GET (bootstrap ClusterRole system:service-account-issuer-discovery, bound to
 * group system:serviceaccounts; k8s v1.35.4 plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go).
 */
const ISSUER_DISCOVERY = [
  '/.well-known/openid-configuration',
  '/.well-known/openid-configuration/',
  '/openid/v1/jwks',
  '/openid/v1/jwks/',
];

const pathIn = (urls: string[], path: string) =>
  urls.some((u) => u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));

function has(list: string[], value: string): boolean {
  return list.includes('*') || list.includes(value);
}

function resourceMatches(rule: PolicyRule, resource: string, subresource: string | undefined): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return rule.resources.some(
    (r) => r === '*' || r === combined || (subresource !== undefined && r === `*/${subresource}`),
  );
}

function urlMatches(rule: PolicyRule, path: string): boolean {
  return rule.nonResourceURLs.some(
    (u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))),
  );
}

/** RBAC's RuleAllows (k8s.io/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go). */
function ruleAllows(rule: PolicyRule, a: RequestAttributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (!a.resource) return urlMatches(rule, a.path);
  const r = a.resource;
  return (
    has(rule.apiGroups, r.group) &&
    resourceMatches(rule, r.resource, r.subresource) &&
    (rule.resourceNames.length === 0 || rule.resourceNames.includes(r.name ?? ''))
  );
}

function rulesFor(policy: RbacPolicy, who: Identity, namespace: string | undefined): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const b of policy.bindings) {
    if (b.namespace !== undefined && b.namespace !== namespace) continue;
    if (!b.subjects.some((s) => subjectMatches(s, who.user, who.groups))) continue;
    const found =
      b.roleRef.kind === 'ClusterRole'
        ? policy.clusterRoles.get(b.roleRef.name)
        : policy.roles.get(`${b.namespace}/${b.roleRef.name}`);
    rules.push(...(found ?? []));
  }
  return rules;
}

/**
 * Decides a request like kube-apiserver with `--authorization-mode=RBAC` and only this policy plus the
 * bootstrap discovery roles: system:masters may do anything.
 */
export function authorize(policy: RbacPolicy, who: Identity, a: RequestAttributes): boolean {
  if (who.groups.includes('system:masters')) return true;
  if (!a.resource && a.verb === 'get') {
    if (pathIn(PUBLIC, a.path)) return true;
    if (who.groups.includes('system:authenticated') && pathIn(DISCOVERY, a.path)) return true;
    if (who.groups.includes('system:serviceaccounts') && ISSUER_DISCOVERY.includes(a.path)) return true;
  }
  return rulesFor(policy, who, a.resource?.namespace).some((rule) => ruleAllows(rule, a));
}
