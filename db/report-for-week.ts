import { isoWeekRange } from '../core/analysis/iso-week.ts';
import type { WeeklyReport } from '../core/analysis/mesh-types.ts';
import type { Store } from './store.ts';

/**
 * The weekly report of `week` as of `now`: a week that has ended answers with the report the Monday job stored, when
 * there is one; otherwise (current week, or nothing stored) it is computed from the history.
 * @example await reportForWeek(store, '2026-W47', new Date())
 */
export async function reportForWeek(
  store: Pick<Store, 'storedReport' | 'weeklyReport'>,
  week: string,
  now: Date,
): Promise<WeeklyReport> {
  const ended = isoWeekRange(week).to <= now.getTime();
  return (ended ? await store.storedReport(week) : null) ?? (await store.weeklyReport(week, { now }));
}
