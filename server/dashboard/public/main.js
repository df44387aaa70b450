// @ts-check
// Dashboard shell: hash router, theme, simulated-fleet and backfill banners.
import { clusterView } from './cluster.js';
import { byId, errorBox, render } from './dom.js';
import { fleetView } from './fleet.js';
import { meshView } from './mesh.js';
import { fetchMeta } from './meta.js';
import { regressionsView } from './regressions.js';
import { trendsView } from './trends.js';
import { weeklyView } from './weekly.js';

/** @typedef {import('../types/api.ts').Meta} Meta */
/** @typedef {{ re: RegExp, nav: string, view: (m: RegExpExecArray) => Promise<unknown> }} Route */

/**
 * @param {RegExpExecArray} m
 * @param {number} i
 */
const part = (m, i) => decodeURIComponent(m[i] ?? '');

/** @type {Route[]} */
const routes = [
  { re: /^\/?$/, nav: 'fleet', view: () => fleetView() },
  { re: /^\/clusters\/([^/]+)$/, nav: 'fleet', view: (m) => clusterView(part(m, 1)) },
  { re: /^\/regressions$/, nav: 'regressions', view: () => regressionsView() },
  { re: /^\/trends$/, nav: 'trends', view: () => trendsView() },
  { re: /^\/mesh$/, nav: 'mesh', view: () => meshView() },
  { re: /^\/mesh\/([^/]+)\/([^/]+)$/, nav: 'mesh', view: (m) => meshView(part(m, 1), part(m, 2)) },
  { re: /^\/weekly$/, nav: 'weekly', view: () => weeklyView() },
];

async function route() {
  const path = location.hash.replace(/^#/, '').split('?')[0] || '/';
  for (const { re, nav, view } of routes) {
    const m = re.exec(path);
    if (!m) continue;
    for (const a of document.querySelectorAll('[data-nav]'))
      if (a instanceof HTMLElement) a.classList.toggle('active', a.dataset['nav'] === nav);
    try {
      await view(m);
    } catch (err) {
      render(errorBox(err));
    }
    return;
  }
  render(errorBox(new Error(`no page ${path}`)));
}

/** @param {string} theme */
function applyTheme(theme) {
  document.documentElement.dataset['theme'] = theme;
  localStorage.setItem('fleetcheck.theme', theme);
}

const BACKFILL_POLL_MS = 2000;

/** @param {Meta['backfill']} backfill */
function showBackfill(backfill) {
  const el = byId('backfill-banner');
  el.hidden = !backfill;
  if (backfill) el.textContent = `backfilling history… ${backfill.done}/${backfill.total} sweeps stored`;
}

async function loadMeta() {
  try {
    const meta = await fetchMeta();
    byId('sim-banner').hidden = !meta.simulated;
    byId('status-line').textContent =
      `v${meta.version} · up since ${new Date(meta.startedAt).toLocaleString()}`;
    const wasBackfilling = !byId('backfill-banner').hidden;
    showBackfill(meta.backfill);
    if (meta.backfill) setTimeout(loadMeta, BACKFILL_POLL_MS);
    else if (wasBackfilling) await route();
  } catch {
    // the views show API errors themselves
  }
}

const saved = localStorage.getItem('fleetcheck.theme');
applyTheme(saved ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
byId('theme-toggle').addEventListener('click', () => {
  applyTheme(document.documentElement.dataset['theme'] === 'dark' ? 'light' : 'dark');
  route();
});
window.addEventListener('hashchange', route);
await loadMeta();
await route();
