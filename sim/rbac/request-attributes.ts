import type { ApiPath } from '../server/paths.ts';
import type { RequestAttributes } from './authorize.ts';

const METHOD_VERBS: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch' };

/**
 * The authorizer attributes kube-apiserver derives from a request (apiserver RequestInfoFactory):
 * GET named = get, collection = list (watch with `watch=true|1`), DELETE collection = deletecollection,
 * and `namespaces/<name>` is inside namespace <name>.
 */
export function requestAttributes(
  method: string,
  path: string,
  api: ApiPath | undefined,
  query: URLSearchParams,
): RequestAttributes {
  if (!api) return { verb: method.toLowerCase(), path };
  const watch = query.get('watch') === 'true' || query.get('watch') === '1';
  let verb = METHOD_VERBS[method];
  if (!verb && method === 'DELETE') verb = api.name ? 'delete' : 'deletecollection';
  if (!verb) verb = api.name ? 'get' : watch ? 'watch' : 'list';
  const namespace = api.resource === 'namespaces' && api.name ? api.name : api.namespace;
  return {
    verb,
    path,
    resource: {
      group: api.group,
      resource: api.resource,
      ...(api.subresource ? { subresource: api.subresource } : {}),
      ...(namespace ? { namespace } : {}),
      ...(api.name ? { name: api.name } : {}),
    },
  };
}
