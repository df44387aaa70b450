import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { type ErrorCode, FleetcheckError, isFleetcheckError } from '../core/errors.ts';
import { redactSecrets } from '../core/text/redact.ts';

/** The body of every error answer: `{ "error": { "code", "message" } }`. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
    }),
  })
  .openapi('Error');
type ErrorBody = z.infer<typeof errorBodySchema>;

const statusByCode: Record<ErrorCode, ContentfulStatusCode> = {
  'invalid-input': 400,
  'access-denied': 401,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  'bad-response': 502,
  unreachable: 503,
  timeout: 504,
  'server-error': 500,
  'store-unusable': 503,
  internal: 500,
};

/** HTTP status of a FleetcheckError code (the one place codes become statuses). */
function statusFor(code: ErrorCode): ContentfulStatusCode {
  return statusByCode[code];
}

/** Turns a zod failure on request input into one sentence naming the parameter(s). */
function describeZodError(err: ZodError, where = 'parameter'): string {
  return err.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return `unknown ${where}${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
      }
      const name = issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
      return `${where} '${name}': ${issue.message}`;
    })
    .join('; ');
}

/** The `defaultHook` of every route: a failed validation becomes a 400 naming the parameter. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target?: string },
): void {
  if (!result.success) {
    const where =
      result.target === 'param' ? 'path parameter' : result.target === 'json' ? 'body field' : 'parameter';
    throw new FleetcheckError('invalid-input', describeZodError(result.error, where));
  }
}

/** A JSON error answer. */
export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } } satisfies ErrorBody, status);
}

/** The single `onError`: typed errors and zod errors map to their statuses; anything else is a logged 500. */
export function onError(err: Error, c: Context) {
  if (isFleetcheckError(err)) return errorResponse(c, statusFor(err.code), err.code, err.message);
  if (err instanceof ZodError) return errorResponse(c, 400, 'invalid-input', describeZodError(err));
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 401 ? 'access-denied' : status < 500 ? 'invalid-input' : 'internal';
    return errorResponse(c, status, code, err.message || 'request failed');
  }
  process.stderr.write(
    `fleetcheck api: ${c.req.method} ${c.req.path}: ${redactSecrets(err.stack ?? err.message)}\n`,
  );
  return errorResponse(c, 500, 'internal', 'internal error');
}

/** 404 for paths no route knows. */
export function notFound(c: Context) {
  return errorResponse(c, 404, 'not-found', `no route for ${c.req.method} ${c.req.path}`);
}

/** Throws the typed 404 for a missing resource. */
export function notFoundError(kind: string, id: string): FleetcheckError {
  return new FleetcheckError('not-found', `unknown ${kind} '${id}'`, { kind, id });
}
