import { authorize, type Identity } from '../rbac/authorize.ts';
import type { RbacPolicy } from '../rbac/policy.ts';
import type { ExecTarget } from './exec.ts';
import { failure, type StatusBody } from './status.ts';

/**
 * The second exec authorisation of Kubernetes ≥ 1.35 (AuthorizePodWebsocketUpgradeCreatePermission, beta):
 * after the GET passed as `get pods/exec`, ExecREST.Connect also checks `create` and refuses with
 * apimachinery NewForbidden(pods, name, reason) — RBAC gives no reason, so the message ends after the colon
 * (k8s.io/kubernetes pkg/registry/core/pod/rest/authorize.go, v1.35.4).
 */
export function execCreateDenied(
  kubernetesVersion: string,
  policy: RbacPolicy,
  who: Identity,
  t: ExecTarget,
): StatusBody | undefined {
  if (Number(kubernetesVersion.split('.')[1]) < 35) return undefined;
  const attrs = {
    verb: 'create',
    path: `/api/v1/namespaces/${t.ns}/pods/${t.pod}/exec`,
    resource: { group: '', resource: 'pods', subresource: 'exec', namespace: t.ns, name: t.pod },
  };
  if (authorize(policy, who, attrs)) return undefined;
  return failure(403, `pods "${t.pod}" is forbidden: `, { name: t.pod, kind: 'pods' });
}
