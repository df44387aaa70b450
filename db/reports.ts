import { sql } from 'drizzle-orm';
import { type WeeklyReport, weeklyReportSchema } from '../core/analysis/mesh-types.ts';
import { FleetcheckError } from '../core/errors.ts';
import type { Db } from './client.ts';
import { reportsTable } from './schema/index.ts';

/** Stores (or replaces) the weekly report of `week`. The report must be the one of that week. */
export async function saveWeeklyReport(db: Db, week: string, report: WeeklyReport): Promise<void> {
  if (report.week !== week)
    throw new FleetcheckError('invalid-input', `report of ${report.week} cannot be stored as ${week}`, {
      week,
    });
  const row = { week, generatedAt: Date.parse(report.generatedAt), body: JSON.stringify(report) };
  await db.write(async (tx) => {
    await tx
      .insert(reportsTable)
      .values(row)
      .onConflictDoUpdate({
        target: reportsTable.week,
        set: { generatedAt: row.generatedAt, body: row.body },
      });
  });
}

/** The stored weekly report of `week`, or null when none was stored (or the row no longer parses). */
export async function readStoredWeekly(db: Db, week: string): Promise<WeeklyReport | null> {
  const row = (await db.all<{ body: string }>(sql`select body from ${reportsTable} where week = ${week}`))[0];
  if (!row) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(row.body);
  } catch {
    return null;
  }
  const parsed = weeklyReportSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
