import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { sqliteAddonPackage, sqliteDatabase } from '../../db/sqlite-addon.ts';

const require = createRequire(import.meta.url);
const napi = Number(process.versions.napi);

describe('the better-sqlite3 this Node loads', () => {
  it('is 13 (Node-API) from Node-API 10 on, 12 below it', () => {
    expect(sqliteAddonPackage(9)).toBe('better-sqlite3');
    expect(sqliteAddonPackage(10)).toBe('better-sqlite3-napi');
    expect(sqliteAddonPackage(11)).toBe('better-sqlite3-napi');
  });

  it(`on Node ${process.version} (Node-API ${napi}) opens a database with better-sqlite3 ${napi >= 10 ? 13 : 12}`, () => {
    const pkg = require(`${sqliteAddonPackage()}/package.json`) as { name: string; version: string };
    expect(pkg.name).toBe('better-sqlite3');
    expect(pkg.version.split('.')[0]).toBe(napi >= 10 ? '13' : '12');
    const SqliteDatabase = sqliteDatabase();
    const db = new SqliteDatabase(':memory:');
    try {
      db.exec('create table t (a integer)');
      const insert = db.prepare('insert into t values (?)');
      for (let i = 0; i < 100; i++) insert.run(i);
      expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 100 });
    } finally {
      db.close();
    }
  });
});
