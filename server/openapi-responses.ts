import type { z } from '@hono/zod-openapi';
import { errorBodySchema } from './errors.ts';

/** A JSON response of an OpenAPI route. */
export function json<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } };
}

const error = (description: string) => json(description, errorBodySchema);

/**
 * The error answers an API operation can give, each with the `Error` body: 400 (unknown parameter or bad
 * value), 401 (missing or wrong bearer token), 429, 500, plus the operation's own (`404`: what is unknown,
 * `409`: why it cannot run).
 * @example responses: { 200: json('The fleet view', fleetViewSchema), ...errorResponses({ 404: 'Unknown cluster' }) }
 */
export function errorResponses(own: { 404?: string; 409?: string } = {}) {
  return {
    400: error('Bad parameter: unknown parameter or invalid value (the message names it)'),
    401: error('Missing or wrong bearer token (only when the service has an API token)'),
    ...(own[404] ? { 404: error(own[404]) } : {}),
    ...(own[409] ? { 409: error(own[409]) } : {}),
    429: error('Too many requests'),
    500: error('Internal error (details in the service log)'),
  };
}
