// @ts-check
// Tiny DOM helpers: element builder, tables, status cells, time formatting.

/** @typedef {import('../types/dom.ts').Child} Child */
/** @typedef {Record<string, string | number | boolean | null | undefined | EventListener>} Attrs */

/**
 * Creates an element: h('td', { class: 'num' }, 'text', childNode, ...).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = String(v);
    else if (k === 'style') el.style.cssText = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...nodes(children));
  return el;
}

/**
 * Children flattened to nodes and text, the empty ones left out.
 * @param {readonly Child[]} children
 * @returns {(Node | string)[]}
 */
function nodes(children) {
  /** @type {(Node | string)[]} */
  const out = [];
  for (const c of children) {
    if (Array.isArray(c)) out.push(...nodes(c));
    else if (c !== undefined && c !== null && c !== false) out.push(c instanceof Node ? c : String(c));
  }
  return out;
}

/**
 * A table: a header row (when `head` is given) and the rows; the `empty` note instead when there are no rows
 * and one is given.
 * @param {{ id?: string, head?: Child[], rows: Child[], empty?: string }} t
 * @returns {HTMLElement}
 */
export function table({ id, head, rows, empty }) {
  if (rows.length === 0 && empty !== undefined) return h('div', { class: 'empty', id }, empty);
  return h(
    'table',
    { id },
    head
      ? h(
          'thead',
          {},
          h(
            'tr',
            {},
            head.map((t) => h('th', {}, t)),
          ),
        )
      : null,
    h('tbody', {}, rows),
  );
}

/**
 * "1 recovery", "2 recoveries".
 * @param {number} n
 * @param {string} singular
 */
export function counted(n, singular, plural = `${singular}s`) {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * A coloured status badge (its colour from the status's `s-` class).
 * @param {string | null | undefined} status
 * @param {string} [label]
 */
export function statusCell(status, label) {
  const s = status ?? 'none';
  return h('span', { class: `cell s-${s}`, title: s }, label ?? status ?? '–');
}

/**
 * "12:05:03" today, else "Nov 24 12:05".
 * @param {string | undefined} iso
 */
export function fmtTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay
    ? d.toLocaleTimeString([], { hour12: false })
    : d.toLocaleString([], {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      });
}

/**
 * "3m ago" style relative time.
 * @param {string | undefined} iso
 */
export function ago(iso) {
  if (!iso) return '';
  const s = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 90) return `${Math.round(s)}s ago`;
  if (s < 5400) return `${Math.round(s / 60)}m ago`;
  if (s < 172800) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86400)}d ago`;
}

/**
 * The element with this id; a missing one is a bug in index.html.
 * @param {string} id
 */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html has no #${id}`);
  return el;
}

/**
 * Replaces the main view's content.
 * @param {...Child} children
 */
export function render(...children) {
  byId('view').replaceChildren(...nodes(children));
}

/**
 * A red box with the error message.
 * @param {unknown} err
 */
export function errorBox(err) {
  return h('div', { class: 'error-box' }, `Could not load: ${err instanceof Error ? err.message : err}`);
}
