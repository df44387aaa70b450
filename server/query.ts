import { z } from '@hono/zod-openapi';

/** An ISO-8601 time (date or date-time) query value, parsed to a Date. */
export const isoTime = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'expected an ISO-8601 time, e.g. 2026-11-25T12:00:00Z',
  })
  .transform((s) => new Date(s))
  .openapi({ type: 'string', format: 'date-time', example: '2026-11-25T12:00:00Z' });

/** Cursor pagination parameters shared by every list. */
export const pageQuery = {
  cursor: z.string().min(1).max(200).optional().openapi({ description: 'nextCursor of the previous page' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .optional()
    .openapi({ type: 'integer', minimum: 1, maximum: 500, description: 'page size (default 100)' }),
};

/** The `{ items, nextCursor }` page envelope around an item schema. */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().optional() }).openapi(name);
}

/** A path parameter (cluster name, sweep id). */
export function pathParam(name: string, example: string) {
  return z
    .string()
    .min(1)
    .max(253)
    .openapi({ param: { name, in: 'path' }, example });
}
