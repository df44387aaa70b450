import { FLEETCHECK_SERVICE_ACCOUNT, serviceAccountUser } from '../../sim/rbac/service-account.ts';
import type { ControlPlane } from './control-plane.ts';
import { kubeRequest } from './kube-http.ts';

/** The username kube-apiserver gives the ServiceAccount deploy/rbac.yaml binds. */
export const SERVICE_ACCOUNT_USER = serviceAccountUser(FLEETCHECK_SERVICE_ACCOUNT);

/**
 * A bound token of the ServiceAccount from the TokenRequest API (what `kubectl create token` calls), asked for
 * by cluster admin. Only its audience and lifetime are chosen here; the apiserver signs it.
 */
export async function serviceAccountToken(cp: ControlPlane, expirationSeconds = 3600): Promise<string> {
  const { namespace, name } = FLEETCHECK_SERVICE_ACCOUNT;
  const r = await kubeRequest(
    cp,
    cp.adminToken,
    'POST',
    `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
    { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds } },
  );
  const token = (r.json as { status?: { token?: unknown } } | undefined)?.status?.token;
  if (r.status !== 201 || typeof token !== 'string')
    throw new Error(`TokenRequest for ServiceAccount ${namespace}/${name}: ${r.status}`);
  return token;
}
