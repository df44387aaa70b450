// Dashboard shell: hash router, theme, simulated-fleet and backfill banners.
import { api } from './api.js';
import { clusterView } from './cluster.js';
import { errorBox, render } from './dom.js';
import { fleetView } from './fleet.js';
import { meshView } from './mesh.js';
import { regressionsView } from './regressions.js';
import { trendsView } from './trends.js';
import { weeklyView } from './weekly.js';

const routes = [
  [/^\/?$/, 'fleet', () => fleetView()],
  [/^\/clusters\/([^/]+)$/, 'fleet', (m) => clusterView(decodeURIComponent(m[1]))],
  [/^\/regressions$/, 'regressions', () => regressionsView()],
  [/^\/trends$/, 'trends', () => trendsView()],
  [/^\/mesh$/, 'mesh', () => meshView()],
  [/^\/mesh\/([^/]+)\/([^/]+)$/, 'mesh', (m) => meshView(decodeURIComponent(m[1]), decodeURIComponent(m[2]))],
  [/^\/weekly$/, 'weekly', () => weeklyView()],
];

async function route() {
  const path = location.hash.replace(/^#/, '').split('?')[0] || '/';
  for (const [re, nav, view] of routes) {
    const m = re.exec(path);
    if (!m) continue;
    for (const a of document.querySelectorAll('[data-nav]'))
      a.classList.toggle('active', a.dataset.nav === nav);
    try {
      await view(m);
    } catch (err) {
      render(errorBox(err));
    }
    return;
  }
  render(errorBox(new Error(`no page ${path}`)));
}

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  localStorage.setItem('fleetcheck.theme', theme);
}

const BACKFILL_POLL_MS = 2000;

function showBackfill(backfill) {
  const el = document.getElementById('backfill-banner');
  el.hidden = !backfill;
  if (backfill) el.textContent = `backfilling history… ${backfill.done}/${backfill.total} sweeps stored`;
}

async function loadMeta() {
  try {
    const meta = await api('/api/v1/meta');
    document.getElementById('sim-banner').hidden = !meta.simulated;
    document.getElementById('status-line').textContent =
      `v${meta.version} · up since ${new Date(meta.startedAt).toLocaleString()}`;
    const wasBackfilling = !document.getElementById('backfill-banner').hidden;
    showBackfill(meta.backfill);
    if (meta.backfill) setTimeout(loadMeta, BACKFILL_POLL_MS);
    else if (wasBackfilling) await route();
  } catch {
    // the views show API errors themselves
  }
}

const saved = localStorage.getItem('fleetcheck.theme');
applyTheme(saved ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
document.getElementById('theme-toggle').addEventListener('click', () => {
  applyTheme(document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark');
  route();
});
window.addEventListener('hashchange', route);
await loadMeta();
await route();
