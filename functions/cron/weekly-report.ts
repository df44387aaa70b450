import { previousIsoWeek } from '../../core/analysis/iso-week.ts';
import type { History } from '../../core/history/history.ts';
import { cronInputSchema } from '../events.ts';
import { lambdaStore } from '../store.ts';

export interface WeeklySummary {
  week: string;
  sweeps: number;
  clusters: number;
  fleetScore: number | null;
  openRegressions: number;
}

/** Monday's schedule (SST Cron input `{}`): build and store the regression report of the ISO week that just ended. */
export function createWeeklyReportHandler(store: () => Promise<History>, now: () => Date = () => new Date()) {
  return async function weeklyReportHandler(event: unknown): Promise<WeeklySummary> {
    cronInputSchema.parse(event);
    const at = now();
    const week = previousIsoWeek(at);
    const db = await store();
    const report = await db.weeklyReport(week, { now: at });
    await db.saveReport(week, report);
    const summary: WeeklySummary = {
      week: report.week,
      sweeps: report.sweeps,
      clusters: report.clusters,
      fleetScore: report.fleetScore,
      openRegressions: report.openRegressions.length,
    };
    console.info(JSON.stringify({ msg: 'weekly report stored', ...summary }));
    return summary;
  };
}

export const handler = createWeeklyReportHandler(lambdaStore);
