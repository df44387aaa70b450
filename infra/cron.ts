import { hubPermissions } from './iam.ts';
import { checkQueue } from './queue.ts';
import { databaseSecrets } from './secrets.ts';
import { BUNDLED_FLEET_FILE, fleet, migrationsBeside, NODEJS } from './settings.ts';

const PLANNER = 'functions/cron/plan-sweep.handler';
const WEEKLY = 'functions/cron/weekly-report.handler';

/** Every 5 minutes: load the fleet, record the sweep, queue one message per cluster. */
export const sweepSchedule = new sst.aws.Cron('SweepSchedule', {
  schedule: 'rate(5 minutes)',
  function: {
    handler: PLANNER,
    description: $interpolate`fleetcheck ${$app.stage}: plan a sweep and queue its clusters`,
    runtime: 'nodejs20.x',
    timeout: '1 minute',
    memory: '512 MB',
    link: [checkQueue, ...databaseSecrets],
    permissions: hubPermissions,
    copyFiles: [{ from: fleet.file, to: BUNDLED_FLEET_FILE }, migrationsBeside(PLANNER)],
    environment: {
      FLEETCHECK_FLEET: BUNDLED_FLEET_FILE,
      FLEETCHECK_INTERVAL: '5m',
    },
    nodejs: NODEJS,
  },
});

/** Mondays 06:00 UTC: build and store the weekly regression report of the previous ISO week. */
export const weeklyReport = new sst.aws.Cron('WeeklyReport', {
  schedule: 'cron(0 6 ? * MON *)',
  function: {
    handler: WEEKLY,
    description: $interpolate`fleetcheck ${$app.stage}: weekly regression report`,
    runtime: 'nodejs20.x',
    timeout: '5 minutes',
    memory: '1024 MB',
    link: databaseSecrets,
    copyFiles: [migrationsBeside(WEEKLY)],
    nodejs: NODEJS,
  },
});
