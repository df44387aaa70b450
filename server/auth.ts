import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from './errors.ts';

/** True when `given` equals `expected`, compared in constant time (lengths leak, contents do not). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

/**
 * Requires `Authorization: Bearer <token>` when a token is configured; a no-op without one.
 * @example app.use('/api/v1/*', bearerAuth({ token: config().FLEETCHECK_API_TOKEN }))
 */
export function bearerAuth({ token }: { token?: string | undefined }): MiddlewareHandler {
  return async function bearerAuthMiddleware(c, next) {
    if (token === undefined || c.req.method === 'OPTIONS') return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match?.[1] || !tokensEqual(match[1], token)) {
      c.header('WWW-Authenticate', 'Bearer realm="fleetcheck"');
      return errorResponse(c, 401, 'access-denied', 'missing or wrong bearer token');
    }
    return next();
  };
}
