import { FleetcheckError } from '../errors.ts';

const WEEK = 7 * 86_400_000;
/** Weeks of years outside this range are refused (Date.UTC would read `0050` as 1950). */
const YEARS = { min: 1970, max: 9999 } as const;

/**
 * The UTC [from, to) range of an ISO week such as `2026-W47` (weeks start on Monday; week 1 holds Jan 4th).
 * @example isoWeekRange('2026-W01').from // 2025-12-29T00:00:00.000Z
 */
export function isoWeekRange(week: string): { from: number; to: number } {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new FleetcheckError('invalid-input', `week must look like 2026-W47, got ${week}`);
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (year < YEARS.min || year > YEARS.max)
    throw new FleetcheckError(
      'invalid-input',
      `no such ISO week: ${week} (years ${YEARS.min}–${YEARS.max} only)`,
    );
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7;
  const week1 = jan4 - dow * 86_400_000;
  if (n < 1 || n > 53 || (n === 53 && isoWeekOf(week1 + 52 * WEEK) !== `${year}-W53`))
    throw new FleetcheckError('invalid-input', `no such ISO week: ${week}`);
  const from = week1 + (n - 1) * WEEK;
  return { from, to: from + WEEK };
}

/**
 * The ISO week (`YYYY-Www`) containing time `t` (a Date or ms since the epoch, UTC).
 * @example isoWeekOf(new Date('2026-11-23T06:00:00Z')) // '2026-W48'
 */
export function isoWeekOf(t: Date | number): string {
  const d = new Date(t);
  const day = (d.getUTCDay() + 6) % 7;
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
  const n = Math.floor((thursday - week1) / WEEK) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

/** The ISO week before the one containing `t`: what the Monday report covers. */
export function previousIsoWeek(t: Date | number): string {
  return isoWeekOf(new Date(t).getTime() - WEEK);
}
