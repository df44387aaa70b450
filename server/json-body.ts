import type { Context } from 'hono';
import { jsonTextOf } from './read-pool/json-text.ts';

/**
 * A 200 JSON answer, as `c.json(value, 200)` gives it, sending the read pool's JSON text of a pooled answer as it
 * came (no second serialisation on the event loop); `wrap` names the one property the value is answered under.
 * @example return jsonBody(c, await store.meshPairs(), 'items') // {"items":[...]}
 */
export function jsonBody(c: Context, value: unknown, wrap?: string): Response {
  const text = jsonTextOf(value);
  return c.body(wrap === undefined ? text : `{${JSON.stringify(wrap)}:${text}}`, 200, {
    'content-type': 'application/json',
  });
}
