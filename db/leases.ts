import { sql } from 'drizzle-orm';
import { type Db, first } from './client.ts';
import { leasesTable } from './schema/index.ts';

/**
 * Takes lease `name` for `holder` until `until` (epoch ms) unless someone else holds it past `now`; returns
 * who holds it afterwards (`holder` when taken). One statement, so concurrent takers cannot both win.
 */
export async function acquireLease(
  db: Db,
  name: string,
  holder: string,
  until: number,
  now: number,
): Promise<string> {
  await db.run(sql`insert into ${leasesTable} (name, holder, expires_at)
    values (${name}, ${holder}, ${until})
    on conflict(name) do update set holder = excluded.holder, expires_at = excluded.expires_at
      where ${leasesTable.expiresAt} <= ${now} or ${leasesTable.holder} = excluded.holder`);
  const row = await first<{ holder: string }>(
    db.orm,
    sql`select holder from ${leasesTable} where name = ${name}`,
  );
  return row?.holder ?? holder;
}

/** Gives the lease back (only its holder can). */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.run(sql`delete from ${leasesTable} where name = ${name} and holder = ${holder}`);
}
