// @ts-check
// Fetches the fleetcheck API; asks for the bearer token once the API says 401 and keeps it in sessionStorage.
import { byId } from './dom.js';

/** @typedef {import('../types/api.ts').ApiError} ApiError */

const TOKEN_KEY = 'fleetcheck.token';

/** @returns {Promise<string>} */
function askToken() {
  const dialog = /** @type {HTMLDialogElement} */ (byId('token-dialog'));
  const input = /** @type {HTMLInputElement} */ (byId('token-input'));
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        const value = input.value.trim();
        input.value = '';
        if (value) sessionStorage.setItem(TOKEN_KEY, value);
        resolve(value);
      },
      { once: true },
    );
    dialog.showModal();
  });
}

/**
 * GET (or POST) an API path and parse the JSON answer (the text with `text`); throws an Error with the API's
 * message otherwise. Callers cast the body to the route's type from types/api.ts.
 * @param {string} path
 * @param {{ method?: 'GET' | 'POST', text?: boolean }} [options]
 * @returns {Promise<unknown>}
 */
export async function api(path, { method = 'GET', text = false } = {}) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    /** @type {Record<string, string>} */
    const headers = token ? { authorization: `Bearer ${token}` } : {};
    const res = await fetch(path, { method, headers });
    if (res.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      if (!(await askToken())) break;
      continue;
    }
    if (!res.ok) {
      const body = /** @type {ApiError | null} */ (await res.json().catch(() => null));
      throw new Error(body?.error?.message ?? `${res.status} ${res.statusText}`);
    }
    return text ? res.text() : res.json();
  }
  throw new Error('the API needs a bearer token');
}

/**
 * Builds a query string from an object, leaving out empty values.
 * @param {Record<string, string | number | undefined>} params
 */
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
