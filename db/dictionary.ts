import { type SQL, sql } from 'drizzle-orm';
import type { Layer } from '../core/outcome.ts';
import { first, type Orm } from './client.ts';
import { checksTable, subjectsTable, textsTable } from './schema/index.ts';

async function idRow(tx: Orm, q: SQL): Promise<{ id: number }> {
  const row = await first<{ id: number }>(tx, q);
  if (!row) throw new Error('dictionary insert lost its row');
  return row;
}

/** Interns checks, subjects and texts as integer ids, with a per-process cache. */
export class Dictionary {
  private checks = new Map<string, number>();
  private subjects = new Map<string, number>();
  private texts = new Map<string, number>();

  /** Forget cached ids (after a rolled-back transaction). */
  reset(): void {
    this.checks.clear();
    this.subjects.clear();
    this.texts.clear();
  }

  /** The id of a check; a new one is stored with its layer. */
  async check(tx: Orm, name: string, layer: Layer | undefined): Promise<number> {
    const hit = this.checks.get(name);
    if (hit !== undefined) return hit;
    await tx
      .insert(checksTable)
      .values({ name, layer: layer ?? null })
      .onConflictDoNothing();
    const row = await idRow(tx, sql`select id from ${checksTable} where name = ${name}`);
    this.checks.set(name, row.id);
    return row.id;
  }

  async subject(tx: Orm, name: string): Promise<number> {
    const hit = this.subjects.get(name);
    if (hit !== undefined) return hit;
    await tx.insert(subjectsTable).values({ name }).onConflictDoNothing();
    const row = await idRow(tx, sql`select id from ${subjectsTable} where name = ${name}`);
    this.subjects.set(name, row.id);
    return row.id;
  }

  async text(tx: Orm, body: string | undefined): Promise<number | null> {
    if (body === undefined) return null;
    const hit = this.texts.get(body);
    if (hit !== undefined) return hit;
    await tx.insert(textsTable).values({ body }).onConflictDoNothing();
    const row = await idRow(tx, sql`select id from ${textsTable} where body = ${body}`);
    if (this.texts.size > 50_000) this.texts.clear();
    this.texts.set(body, row.id);
    return row.id;
  }
}
