/**
 * The ISO week (`YYYY-Www`) containing `date` (UTC).
 * @example isoWeekOf(new Date('2026-11-23T06:00:00Z')) // '2026-W48'
 */
export function isoWeekOf(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week before the one containing `date`: what the Monday report covers. */
export function previousIsoWeek(date: Date): string {
  return isoWeekOf(new Date(date.getTime() - 7 * 86_400_000));
}
