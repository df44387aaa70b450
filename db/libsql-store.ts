import { FleetcheckError } from '../core/errors.ts';
import type { HistoryStore } from '../core/history/history.ts';
import { isLibsqlUrl } from './client.ts';
import type { OpenStoreOptions } from './db.ts';
import { migrateLibsql, openLibsql } from './driver-libsql.ts';
import { openGuarded } from './open-guarded.ts';
import { createStore } from './store-impl.ts';

/** True for a URL naming a database server (Turso / sqld), not a file on this machine. */
function isRemoteDbUrl(url: string): boolean {
  return isLibsqlUrl(url) && !/^libsql:file:/i.test(url);
}

/**
 * The store over @libsql/client only (no native driver), as the Lambda functions bundle it. A path or a
 * `file:` / `libsql:file:` URL opens a local file through libSQL; `remoteOnly` refuses those, because a
 * function's file system is neither shared nor kept.
 * @example await openLibsqlStore('libsql://fleetcheck-acme.turso.io', { authToken, remoteOnly: true })
 */
export async function openLibsqlStore(
  url: string,
  opts: OpenStoreOptions & { remoteOnly?: boolean } = {},
): Promise<HistoryStore> {
  if (opts.remoteOnly && !isRemoteDbUrl(url))
    throw new FleetcheckError(
      'invalid-input',
      `the history database must be a libSQL server (libsql://, https:// or wss:// URL), not ${url.split(/[?#]/)[0]}: a Lambda's disk is neither shared nor kept`,
    );
  const fileUrl = isLibsqlUrl(url)
    ? url.replace(/^libsql:file:/i, 'file:')
    : `file:${url.replace(/^file:/i, '')}`;
  const db = await openGuarded(url, opts, () => openLibsql(fileUrl, opts.authToken), migrateLibsql);
  return createStore(db);
}
