import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../server/demo/run-demo.ts';
import { ARTIFACTS, hasChromium, launchBrowser, watchedPage } from './dashboard-browser.ts';

const TOKEN = 'dashboard-test-token';

if (!hasChromium) console.warn('dashboard browser tests skipped: /usr/bin/chromium is absent');

describe.skipIf(!hasChromium)('dashboard in headless Chromium', () => {
  let dir: string;
  let demo: Awaited<ReturnType<typeof runDemo>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let problems: string[];
  const logs: string[] = [];

  async function api<T>(path: string): Promise<T> {
    const res = await fetch(`${demo.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    return (await res.json()) as T;
  }

  async function show(hash: string, ready: string, shot: string) {
    await page.goto(`${demo.url}/${hash}`);
    await page.locator(ready).first().waitFor({ state: 'visible', timeout: 45_000 });
    await page.screenshot({ path: join(ARTIFACTS, `dashboard-${shot}.png`), fullPage: true });
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetcheck-dash-'));
    demo = await runDemo({
      port: 0,
      host: '127.0.0.1',
      db: join(dir, 'demo.db'),
      apiToken: TOKEN,
      backfillSteps: 6,
      intervalMs: 3_600_000,
      live: false,
      log: (l) => logs.push(l),
    });
    await demo.backfillDone;
    browser = await launchBrowser();
    ({ page, problems } = await watchedPage(browser.browser));
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('asks for the API token, then shows the fleet grid with the simulated-fleet banner', async () => {
    await page.goto(`${demo.url}/`);
    await page.locator('#token-input').waitFor({ state: 'visible', timeout: 45_000 });
    await page.fill('#token-input', TOKEN);
    await page.click('#token-form button[type=submit]');
    await page.locator('#fleet-grid tbody tr').first().waitFor({ timeout: 45_000 });
    expect(await page.locator('#sim-banner').isVisible()).toBe(true);
    expect(await page.locator('#sim-banner').textContent()).toMatch(/SIMULATED/);
    const rows = await page.locator('#fleet-grid tbody tr').count();
    const fleet = await api<{ clusters: unknown[] }>('/api/v1/fleet');
    expect(rows).toBe(fleet.clusters.length);
    expect(await page.locator('#fleet-grid .s-fail').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-fleet.png'), fullPage: true });
    // Chromium logs the expected 401 that made the dashboard ask for the token; nothing else is allowed.
    expect(problems.every((p) => p.includes('401'))).toBe(true);
    problems.length = 0;
  });

  it("shows a failing cluster's results with its hint", async () => {
    const fleet = await api<{ clusters: { name: string; status: string }[] }>('/api/v1/fleet');
    const failing = fleet.clusters.find((c) => c.status === 'fail');
    expect(failing).toBeDefined();
    await show(`#/clusters/${failing?.name}`, '#results .hint', 'cluster');
    const detail = await api<{ latestRun: { results: { status: string; hint?: string }[] } }>(
      `/api/v1/clusters/${failing?.name}`,
    );
    const hint = detail.latestRun.results.find((r) => r.status === 'fail')?.hint ?? '';
    expect(hint).not.toBe('');
    expect(await page.locator('#results').textContent()).toContain(hint.slice(0, 40));
  });

  it('orders and lays out its pages by the severity order and layers /api/v1/meta serves', async () => {
    interface Meta {
      severity: string[];
      layers: string[];
    }
    interface Cluster {
      name: string;
      status: string;
      stale: boolean;
      layers: Record<string, string>;
    }
    const real = await api<Meta>('/api/v1/meta');
    const served = { ...real, severity: [...real.severity].reverse(), layers: [...real.layers].reverse() };
    const rank = (s: string) => served.severity.indexOf(s);
    await page.route('**/api/v1/meta', (r) => r.fulfill({ json: served }));
    try {
      await page.goto('about:blank');
      await show('#/', '#fleet-grid tbody tr', 'fleet-served-meta');
      const head = await page.$$eval('#fleet-grid thead th', (ths) => ths.map((t) => t.textContent));
      expect(head.slice(2, 2 + served.layers.length)).toEqual(served.layers);
      const { clusters } = await api<{ clusters: Cluster[] }>('/api/v1/fleet');
      expect(new Set(clusters.map((c) => c.status)).size).toBeGreaterThan(1);
      const expected = [...clusters].sort(
        (a, b) =>
          Number(b.stale) - Number(a.stale) || rank(b.status) - rank(a.status) || (a.name < b.name ? -1 : 1),
      );
      const rows = await page.$$eval('#fleet-grid tbody tr', (trs) =>
        trs.map((tr) => ({
          name: tr.getAttribute('data-cluster'),
          cells: Array.from(tr.querySelectorAll('td[data-layer]')).map((td) => ({
            layer: td.getAttribute('data-layer') ?? '',
            cls: td.querySelector('.cell')?.className ?? '',
          })),
        })),
      );
      expect(rows.map((r) => r.name)).toEqual(expected.map((c) => c.name));
      for (const [i, row] of rows.entries()) {
        expect(row.cells.map((c) => c.layer)).toEqual(served.layers);
        for (const cell of row.cells)
          expect(cell.cls.split(' ')).toContain(`s-${expected[i]?.layers[cell.layer] ?? 'none'}`);
      }

      const failing = clusters.find((c) => c.status === 'fail');
      await show(`#/clusters/${failing?.name}`, '#results tr.result', 'cluster-served-meta');
      const listed = await page.$$eval('#results tr.result', (trs) =>
        trs.map(
          (tr) =>
            Array.from(tr.classList)
              .find((c) => c.startsWith('r-'))
              ?.slice(2) ?? '',
        ),
      );
      expect(listed).toContain('fail');
      expect(listed.map(rank)).toEqual(listed.map(rank).sort((a, b) => b - a));
      expect(listed.at(-1)).toBe('fail');
    } finally {
      await page.unroute('**/api/v1/meta');
      await page.goto('about:blank');
    }
  });

  it('renders trend charts (canvases with a non-zero size)', async () => {
    await show('#/trends', '.chart canvas', 'trends');
    const sizes = await page.$$eval('.chart canvas', (els) =>
      els.map((c) => (c as HTMLCanvasElement).getBoundingClientRect()).map((r) => r.width * r.height),
    );
    expect(sizes.length).toBeGreaterThanOrEqual(4);
    for (const s of sizes) expect(s).toBeGreaterThan(0);
  });

  it('shows regressions with a baseline picker, mesh pairs, a pair comparison and the weekly report', async () => {
    await show('#/regressions', '#baseline', 'regressions');
    expect(await page.locator('#baseline option').count()).toBeGreaterThan(2);
    await show('#/mesh', '#mesh-pairs tbody tr', 'mesh');
    const pairs = await api<{ items: { a: string; b: string }[] }>('/api/v1/mesh/pairs');
    const pair = pairs.items[0];
    await show(`#/mesh/${pair?.a}/${pair?.b}`, '#config-diff', 'mesh-compare');
    expect(await page.locator('[data-side]').count()).toBe(2);
    await show('#/weekly', '#weekly-frame', 'weekly');
    const frame = page.frameLocator('#weekly-frame');
    await frame.locator('h1').waitFor({ timeout: 45_000 });
    // The report's inline <style> is allowed by its hash in the CSP: the body margin (2rem) is applied.
    expect(await frame.locator('body').evaluate((b) => getComputedStyle(b).marginLeft)).toBe('32px');
    await page.click('#theme-toggle');
  });

  it('sends a strict CSP, no framing, nosniff and no referrer on the dashboard and the API', async () => {
    for (const path of ['/', '/assets/main.js', '/api/v1/fleet', '/healthz']) {
      const res = await fetch(`${demo.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('logged no console errors and no CSP violation on any page', () => {
    expect(problems).toEqual([]);
  });
});
