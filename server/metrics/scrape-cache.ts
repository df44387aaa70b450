import type { FleetView } from '../../core/analysis/types.ts';
import type { History } from '../../core/history/history.ts';
import { collectMetrics } from './collect.ts';

/** One rendered `/metrics` answer, encoded once for every response that reuses it. */
export interface Scrape {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

/**
 * What the stored state behind every series is keyed by: the fleet view without its generation time (each
 * cluster's latest run, verdict and stale flag, and the latest sweep). A new stored run or sweep, or a
 * cluster turning stale, changes it.
 */
function stateKey(fleet: FleetView): string {
  const { generatedAt: _, ...state } = fleet;
  return JSON.stringify(state);
}

async function render(store: History, fleet: FleetView): Promise<Scrape> {
  const registry = await collectMetrics(store, fleet);
  return { body: new TextEncoder().encode(await registry.metrics()), contentType: registry.contentType };
}

/**
 * `/metrics` answers rendered once per stored state instead of per scrape: each scrape reads the fleet view
 * (stale flags as of `now`) and reuses the last rendering while that view is unchanged and younger than
 * `maxAgeMs`; concurrent scrapes of a new state share one rendering. A failed rendering is not kept. The key of a
 * fleet view the store hands out again (server/cached-store.ts) is computed once.
 * @example const scrape = scrapeCache(store); const { body } = await scrape(new Date());
 */
export function scrapeCache(store: History, { maxAgeMs = 60_000 } = {}): (now: Date) => Promise<Scrape> {
  let last: { key: string; at: number; scrape: Promise<Scrape> } | undefined;
  const keys = new WeakMap<FleetView, string>();
  return async (now) => {
    const fleet = await store.fleet({ now });
    let key = keys.get(fleet);
    if (key === undefined) {
      key = stateKey(fleet);
      keys.set(fleet, key);
    }
    const at = now.getTime();
    if (last?.key === key && at - last.at < maxAgeMs && at >= last.at) return last.scrape;
    const entry = { key, at, scrape: render(store, fleet) };
    last = entry;
    entry.scrape.catch(() => {
      if (last === entry) last = undefined;
    });
    return entry.scrape;
  };
}
