import { failure, type StatusBody } from '../server/status.ts';
import type { Identity, RequestAttributes } from './authorize.ts';

const sanitize = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * The 403 Status of a denied request, worded like k8s.io/apiserver responsewriters.ForbiddenStatusError
 * and apimachinery errors.NewForbidden (v0.35.4).
 */
export function forbiddenStatus(who: Identity, a: RequestAttributes): StatusBody {
  const user = JSON.stringify(who.user);
  if (!a.resource)
    return failure(
      403,
      `forbidden: User ${user} cannot ${a.verb} path ${JSON.stringify(sanitize(a.path))}`,
      {},
    );
  const r = a.resource;
  const combined = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
  const scope = r.namespace ? `in the namespace ${JSON.stringify(r.namespace)}` : 'at the cluster scope';
  const why = sanitize(
    `User ${user} cannot ${a.verb} resource ${JSON.stringify(combined)} in API group ${JSON.stringify(r.group)} ${scope}`,
  );
  const qualified = r.group ? `${r.resource}.${r.group}` : r.resource;
  const subject = r.name ? `${qualified} ${JSON.stringify(r.name)}` : qualified;
  return failure(403, `${subject} is forbidden: ${why}`, {
    ...(r.name ? { name: r.name } : {}),
    ...(r.group ? { group: r.group } : {}),
    kind: r.resource,
  });
}
