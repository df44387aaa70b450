/** The ISO-8601 week of a date, e.g. `2026-W48` (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week before the given one. */
export function previousIsoWeek(date: Date): string {
  return isoWeek(new Date(date.getTime() - 7 * 86_400_000));
}
