/**
 * The API server of bench/api-latency.ts, in its own process so the load generator does not share its event loop:
 * `--db <file> --mode served|store|single`. served = cachedStore over the read pool (what `fleetcheck serve` runs),
 * store = the read pool without the cache, single = one connection on the event loop (no pool, no cache).
 * Prints one JSON line `{ "url": … }` once listening; stops on SIGTERM.
 */

import { createApp } from '../server/app.ts';
import { cachedStore } from '../server/cached-store.ts';
import { listen } from '../server/node-server.ts';
import { openHistory } from '../server/open-history.ts';
import { openServedStore } from '../server/served-store.ts';

const argv = process.argv.slice(2);
const arg = (k: string) => argv[argv.indexOf(`--${k}`) + 1];
const db = arg('db') ?? 'bench/.data/history.db';
const mode = arg('mode') ?? 'served';
// Migrated at open: a history DB generated before the latest-state table gets it (migration 0006 backfills it).
const opts = { migrate: true, intervalMs: 15 * 60_000 };
const store =
  mode === 'single'
    ? await openHistory(db, opts)
    : mode === 'store'
      ? await openServedStore(db, opts)
      : cachedStore(await openServedStore(db, opts));
const server = await listen(createApp({ store }), { host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGTERM', async () => {
  await server.close();
  await store.close();
  process.exit(0);
});
