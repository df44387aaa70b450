import { previousIsoWeek } from '../../core/analysis/iso-week.ts';
import type { Store } from '../../db/store.ts';
import { scheduledEventSchema } from '../events.ts';
import { lambdaStore } from '../store.ts';

export interface WeeklySummary {
  week: string;
  sweeps: number;
  clusters: number;
  fleetScore: number | null;
  openRegressions: number;
}

/** Monday's schedule: build (and store) the regression report of the ISO week that just ended. */
export function createWeeklyReportHandler(store: () => Promise<Store>) {
  return async function weeklyReportHandler(event: unknown): Promise<WeeklySummary> {
    const at = new Date(scheduledEventSchema.parse(event).time);
    const report = await (await store()).weeklyReport(previousIsoWeek(at), { now: at });
    const summary: WeeklySummary = {
      week: report.week,
      sweeps: report.sweeps,
      clusters: report.clusters,
      fleetScore: report.fleetScore,
      openRegressions: report.openRegressions.length,
    };
    console.info(JSON.stringify({ msg: 'weekly report built', ...summary }));
    return summary;
  };
}

export const handler = createWeeklyReportHandler(lambdaStore);
