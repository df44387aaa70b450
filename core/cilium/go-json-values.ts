import { z } from 'zod';

/**
 * Go prints a nil pointer, slice or map whose field has no `omitempty` as `null`; to every reader here that
 * means the same as the field being left out. Drops null object members and null array elements, recursively.
 * @example withoutGoNils({ cluster: { nodes: null, self: 'c1/n1' } }) // { cluster: { self: 'c1/n1' } }
 */
export function withoutGoNils(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutGoNils);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutGoNils(v);
  return out;
}

/**
 * A strfmt.DateTime field: the zero time (`0001-01-01T00:00:00.000Z`, "never") reads as absent.
 * @example goTime.parse('0001-01-01T00:00:00.000Z') // undefined
 */
export const goTime = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.startsWith('0001-01-01') ? undefined : s));
