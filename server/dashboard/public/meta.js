// @ts-check
// The service's facts from GET /api/v1/meta, and the severity order and layers the views sort and lay out by.
import { api } from './api.js';

/** @typedef {import('../types/api.ts').Meta} Meta */
/** @typedef {import('../types/api.ts').Status} Status */

/** @type {Meta | undefined} */
let first;

/** GET /api/v1/meta (its backfill progress changes from call to call). */
export async function fetchMeta() {
  const meta = /** @type {Meta} */ (await api('/api/v1/meta'));
  first ??= meta;
  return meta;
}

/** The first meta fetched: its severity order and layers hold for the service's lifetime. */
export async function servedMeta() {
  return first ?? fetchMeta();
}

/**
 * A sort comparator putting the worst status first, by the served order (least to most severe).
 * @param {readonly Status[]} severity
 * @returns {(a: Status, b: Status) => number}
 */
export function worstFirst(severity) {
  return (a, b) => severity.indexOf(b) - severity.indexOf(a);
}
