import type { Identity } from './authorize.ts';

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

/** The ServiceAccount deploy/rbac.yaml creates and binds beside the group `fleetcheck`. */
export const FLEETCHECK_SERVICE_ACCOUNT: ServiceAccountRef = { namespace: 'fleetcheck', name: 'fleetcheck' };

/** k8s.io/apiserver pkg/authentication/serviceaccount MakeUsername. */
export function serviceAccountUser(sa: ServiceAccountRef): string {
  return `system:serviceaccount:${sa.namespace}:${sa.name}`;
}

/**
 * Who a ServiceAccount token authenticates as: its username and the groups MakeGroupNames gives it
 * (`system:serviceaccounts`, `system:serviceaccounts:<namespace>`), plus `system:authenticated`.
 */
export function serviceAccountIdentity(sa: ServiceAccountRef): Identity {
  return {
    user: serviceAccountUser(sa),
    groups: ['system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`, 'system:authenticated'],
  };
}
