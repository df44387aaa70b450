import type { Endpoint, KubeResponse } from './kube-http.ts';

/**
 * Who sends a request: a member of the group deploy/rbac.yaml binds, its ServiceAccount, cluster admin, a wrong
 * token, or nobody.
 */
type Who = 'fleetcheck' | 'serviceaccount' | 'admin' | 'bad-token' | 'anonymous';

export interface Target extends Endpoint {
  tokens: { fleetcheck: string; serviceaccount: string; admin: string };
}

export interface Step {
  name: string;
  who: Who;
  method: string;
  /** A path, or a function of the previous answers (to follow a `continue` token). */
  path: string | ((previous: KubeResponse[]) => string);
  body?: unknown;
  headers?: Record<string, string>;
}
