import { FleetcheckError, isFleetcheckError } from '../core/errors.ts';
import { type Db, migrationsFolder } from './client.ts';
import { assertKnownSchema, assertWritable, storeReason } from './open-checks.ts';

/**
 * Opens with `open`, refuses a schema from a newer fleetcheck, migrates (unless `migrate: false`) and proves
 * writes (with `writable`); any failure closes the database and is one `store-unusable` error naming `url`.
 * Driver-free, so a caller that opens libSQL only bundles no native driver.
 */
export async function openGuarded(
  url: string,
  opts: { migrate?: boolean; writable?: boolean },
  open: () => Promise<Db>,
  migrate: (db: Db) => Promise<void>,
): Promise<Db> {
  let db: Db | undefined;
  try {
    db = await open();
    await assertKnownSchema(db, url, migrationsFolder);
    if (opts.migrate !== false) await migrate(db);
    if (opts.writable) await assertWritable(db);
    return db;
  } catch (err) {
    await db?.close().catch(() => undefined);
    if (isFleetcheckError(err, 'store-unusable')) throw err;
    throw new FleetcheckError(
      'store-unusable',
      `cannot use the history database ${url}: ${storeReason(err)}`,
      { url },
      { cause: err },
    );
  }
}
