import { previousIsoWeek } from '../../core/serverless/iso-week.ts';
import type { Store } from '../../db/store.ts';
import { scheduledEventSchema } from '../events.ts';
import { lambdaStore } from '../store.ts';

/** Monday's schedule: build (and store) the regression report of the ISO week that just ended. */
export function createWeeklyReportHandler(store: () => Promise<Store>) {
  return async function weeklyReportHandler(event: unknown): Promise<{ week: string }> {
    const at = new Date(scheduledEventSchema.parse(event).time);
    const week = previousIsoWeek(at);
    await (await store()).weeklyReport(week, { now: at });
    console.info(JSON.stringify({ msg: 'weekly report built', week }));
    return { week };
  };
}

export const handler = createWeeklyReportHandler(lambdaStore);
