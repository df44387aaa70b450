import type { Context } from 'hono';
import { errorResponse } from './errors.ts';

interface RouteEntry {
  method: string;
  path: string;
}

function pattern(path: string): RegExp {
  const body = path
    .split('/')
    .map((seg) =>
      seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.*' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${body}/?$`);
}

/**
 * The `notFound` handler of an app: 405 with an `Allow` header when the path exists under other methods
 * (TRACE, PUT… on a GET route), else the usual 404. `routes` is read at request time (the app's own list).
 * @example app.notFound(methodAwareNotFound(() => app.routes, notFound));
 */
export function methodAwareNotFound(routes: () => readonly RouteEntry[], notFound: (c: Context) => Response) {
  const compiled = new Map<string, RegExp>();
  const matcher = (path: string) => {
    let re = compiled.get(path);
    if (!re) {
      re = pattern(path);
      compiled.set(path, re);
    }
    return re;
  };
  return (c: Context) => {
    const methods = new Set<string>();
    for (const r of routes()) {
      if (r.method !== 'ALL' && matcher(r.path).test(c.req.path)) methods.add(r.method);
    }
    if (methods.size === 0 || methods.has(c.req.method)) return notFound(c);
    if (methods.has('GET')) methods.add('HEAD');
    c.header('Allow', [...methods].sort().join(', '));
    return errorResponse(c, 405, 'method-not-allowed', `${c.req.method} is not allowed on ${c.req.path}`);
  };
}
