import { z } from '@hono/zod-openapi';

/** An ISO-8601 time (date or date-time) query value, parsed to a Date. */
export const isoTime = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'expected an ISO-8601 time, e.g. 2026-11-25T12:00:00Z',
  })
  .transform((s) => new Date(s))
  .openapi({ type: 'string', format: 'date-time', example: '2026-11-25T12:00:00Z' });

/** `from`/`to` of a windowed query (`from` must be before `to`). */
export const windowQuery = {
  from: isoTime
    .optional()
    .openapi({ description: 'start of the window (before `to`)', example: '2026-11-18T12:00:00Z' }),
  to: isoTime.optional().openapi({ description: 'end of the window', example: '2026-11-25T12:00:00Z' }),
};

/**
 * A query integer written in decimal digits only (no `0x10`, `1e2`, `+5` or spaces), within `min`..`max`.
 * @example decimalInt(1, 500).parse('16') // 16
 */
export function decimalInt(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,9}$/, `expected a decimal integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .openapi({ type: 'integer', minimum: min, maximum: max });
}

/** Cursor pagination parameters shared by every list. */
export const pageQuery = {
  cursor: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'nextCursor of the previous page (opaque)' }),
  limit: decimalInt(1, 500).optional().openapi({ description: 'page size (default 100)' }),
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
