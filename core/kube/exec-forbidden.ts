import { FleetcheckError } from '../errors.ts';
import { execVerbs, minorOf } from './exec-verbs.ts';

/**
 * A 403 on an exec upgrade restated with the verbs this Kubernetes version authorises a WebSocket exec
 * as (the upgrade's answer carries no body to say which one was refused).
 */
export function execForbidden(err: FleetcheckError, gitVersion: string | undefined): FleetcheckError {
  const verbs = execVerbs(gitVersion).join(' and ');
  const minor = minorOf(gitVersion);
  const ns = typeof err.context['namespace'] === 'string' ? err.context['namespace'] : undefined;
  const on = minor === undefined ? 'Kubernetes (version unknown)' : `Kubernetes 1.${minor}`;
  return new FleetcheckError(
    'access-denied',
    `forbidden: cannot ${verbs} pods/exec${ns ? ` in namespace ${ns}` : ''} (${on} authorises a WebSocket exec as ${verbs} on pods/exec; RBAC: see deploy/rbac.yaml)`,
    { ...err.context, verb: verbs, ...(gitVersion ? { kubernetesVersion: gitVersion } : {}) },
    { cause: err },
  );
}
