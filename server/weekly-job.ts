import { previousIsoWeek } from '../core/analysis/iso-week.ts';
import type { WeeklyReport } from '../core/analysis/mesh-types.ts';
import { scoreSentence } from '../core/analysis/weekly-render.ts';
import type { History } from '../core/history/history.ts';
import { counted } from '../core/text/plural.ts';

/**
 * Monday's job: builds the report of the ISO week that ended before `at` and stores it (DESIGN §7 `reports`).
 * Logs one line; a failure is logged, not thrown (the schedule goes on). Returns the stored report.
 * @example await runWeeklyReportJob(store, new Date('2026-11-23T06:00:00Z'), console.log) // stores 2026-W47
 */
export async function runWeeklyReportJob(
  store: History,
  at: Date,
  log: (line: string) => void,
): Promise<WeeklyReport | undefined> {
  const week = previousIsoWeek(at);
  try {
    const report = await store.weeklyReport(week, { now: at });
    await store.saveReport(week, report);
    log(
      `weekly report ${week} stored: ${scoreSentence(report)} ${counted(report.openRegressions.length, 'open regression')}`,
    );
    return report;
  } catch (err) {
    log(`weekly report ${week} failed: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
