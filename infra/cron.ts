import { planner, weeklyReporter } from './functions.ts';

/**
 * SST's Cron sends the target its `event` argument (default `{}`) as the fixed EventBridge input, never the
 * scheduled event; the handlers read the time themselves (functions/cron/).
 */
export const sweepSchedule = new sst.aws.Cron('SweepSchedule', {
  schedule: 'rate(5 minutes)',
  function: planner,
});

export const weeklyReport = new sst.aws.Cron('WeeklyReport', {
  schedule: 'cron(0 6 ? * MON *)',
  function: weeklyReporter,
});
