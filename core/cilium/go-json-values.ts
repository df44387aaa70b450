import { z } from 'zod';

/**
 * Go prints a nil pointer, slice or map whose field has no `omitempty` as `null`; to every reader here that
 * means the same as the field being left out. Drops null object members and null array elements, recursively.
 * @example withoutGoNils({ cluster: { nodes: null, self: 'c1/n1' } }) // { cluster: { self: 'c1/n1' } }
 */
export function withoutGoNils(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      const w = v === null ? v : withoutGoNils(v);
      if (out === undefined && (v === null || w !== v)) out = value.slice(0, i);
      if (out !== undefined && v !== null) out.push(w);
    }
    return out ?? value;
  }
  // Copy-on-write: a subtree without nulls is returned as it is (most of an agent's answer).
  const obj = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const k in obj) {
    const v = obj[k];
    const w = v === null ? v : withoutGoNils(v);
    if (out === undefined && (v === null || w !== v)) {
      out = {};
      for (const p in obj) {
        if (p === k) break;
        out[p] = obj[p];
      }
    }
    if (out !== undefined && v !== null) out[k] = w;
  }
  return out ?? value;
}

/**
 * A strfmt.DateTime field: the zero time (`0001-01-01T00:00:00.000Z`, "never") reads as absent.
 * @example goTime.parse('0001-01-01T00:00:00.000Z') // undefined
 */
export const goTime = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.startsWith('0001-01-01') ? undefined : s));
