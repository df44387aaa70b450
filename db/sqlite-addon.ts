import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * Which better-sqlite3 this Node loads. 12.x wraps its objects in node::ObjectWrap, whose header from Node
 * 24.19 on removes an environment cleanup hook in the destructor and aborts (`Assertion failed: (env) !=
 * nullptr`) when a Statement is collected by a GC that runs with no context entered (an allocation in
 * optimised code): any Node 24 process that drops a Statement can die. 13.x is a Node-API addon without that
 * path but needs Node-API 10 (Node ≥ 22.14; Node 20 has 9 and crashes in `new Database`). So: 13 where
 * Node-API 10 exists, 12 below.
 */
export function sqliteAddonPackage(napiVersion = Number(process.versions.napi)): string {
  return napiVersion >= 10 ? 'better-sqlite3-napi' : 'better-sqlite3';
}

const require = createRequire(import.meta.url);
let loaded: typeof BetterSqlite3 | undefined;

/** The better-sqlite3 `Database` constructor for this Node (same API in 12 and 13), loaded on first use. */
export function sqliteDatabase(): typeof BetterSqlite3 {
  loaded ??= require(sqliteAddonPackage()) as typeof BetterSqlite3;
  return loaded;
}
