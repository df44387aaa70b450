import { hubPermissions } from './iam.ts';
import { checkQueue } from './queue.ts';
import { apiToken, databaseSecrets, webhookUrl } from './secrets.ts';
import {
  BUNDLED_FLEET_FILE,
  besideHandler,
  corsOrigins,
  fleet,
  migrationsBeside,
  NODEJS,
  RUNTIME,
  vpcSettings,
  WORKER_TIMEOUT,
} from './settings.ts';

const vpc = vpcSettings();
const inVpc = vpc ? { vpc } : {};

const MIGRATE = 'functions/migrate/index.handler';
const PLANNER = 'functions/cron/plan-sweep.handler';
const WORKER = 'functions/queue/check-cluster.handler';
const API = 'functions/api/index.handler';
const WEEKLY = 'functions/cron/weekly-report.handler';

/**
 * Applies the schema migrations; invoked once per deploy (infra/migrations.ts), never by cold starts. Every
 * function that opens the store ships the migrations too: it refuses a schema newer than the ones it knows.
 */
export const migrator = new sst.aws.Function('Migrator', {
  handler: MIGRATE,
  description: $interpolate`fleetcheck ${$app.stage}: apply the history schema migrations`,
  runtime: RUNTIME,
  timeout: '2 minutes',
  memory: '512 MB',
  link: databaseSecrets,
  copyFiles: [migrationsBeside(MIGRATE)],
  nodejs: NODEJS,
  ...inVpc,
});

/** Loads the fleet, records the sweep, queues one message per cluster. No async retries: a retry would plan twice. */
export const planner = new sst.aws.Function('Planner', {
  handler: PLANNER,
  description: $interpolate`fleetcheck ${$app.stage}: plan a sweep and queue its clusters`,
  runtime: RUNTIME,
  timeout: '1 minute',
  memory: '512 MB',
  retries: 0,
  link: [checkQueue, webhookUrl, ...databaseSecrets],
  permissions: hubPermissions,
  copyFiles: [{ from: fleet.file, to: BUNDLED_FLEET_FILE }, migrationsBeside(PLANNER)],
  environment: { FLEETCHECK_FLEET: BUNDLED_FLEET_FILE, FLEETCHECK_INTERVAL: '5m' },
  nodejs: NODEJS,
  ...inVpc,
});

/** Checks one cluster per message; the queue's only subscriber (infra/worker.ts). */
export const worker = new sst.aws.Function('Worker', {
  handler: WORKER,
  description: $interpolate`fleetcheck ${$app.stage}: check one cluster per message`,
  runtime: RUNTIME,
  timeout: WORKER_TIMEOUT,
  memory: '1024 MB',
  link: [webhookUrl, ...databaseSecrets],
  permissions: hubPermissions,
  copyFiles: [migrationsBeside(WORKER)],
  nodejs: NODEJS,
  ...inVpc,
});

/** Mondays 06:00 UTC: build and store the weekly regression report of the previous ISO week. */
export const weeklyReporter = new sst.aws.Function('WeeklyReporter', {
  handler: WEEKLY,
  description: $interpolate`fleetcheck ${$app.stage}: weekly regression report`,
  runtime: RUNTIME,
  timeout: '5 minutes',
  memory: '1024 MB',
  retries: 0,
  link: databaseSecrets,
  copyFiles: [migrationsBeside(WEEKLY)],
  nodejs: NODEJS,
  ...inVpc,
});

const origins = corsOrigins();

/**
 * The API + dashboard (functions/api via hono/aws-lambda) behind a Lambda function URL, CORS off unless
 * FLEETCHECK_CORS_ORIGINS names origins. It can also plan a sweep on `POST /api/v1/sweeps` (bearer token).
 */
export const api = new sst.aws.Function('Api', {
  handler: API,
  description: $interpolate`fleetcheck ${$app.stage}: HTTP API and dashboard`,
  runtime: RUNTIME,
  timeout: '30 seconds',
  memory: '1024 MB',
  url: {
    cors:
      origins.length > 0
        ? {
            allowOrigins: origins,
            allowMethods: ['GET', 'POST'],
            allowHeaders: ['authorization', 'content-type'],
          }
        : false,
  },
  link: [apiToken, checkQueue, ...databaseSecrets],
  permissions: hubPermissions,
  copyFiles: [
    { from: fleet.file, to: BUNDLED_FLEET_FILE },
    migrationsBeside(API),
    // server/dashboard/assets.ts serves `public/` beside the module; server/version.ts reads `../package.json`.
    besideHandler(API, 'server/dashboard/public', 'public'),
    besideHandler(API, 'package.json', '../package.json'),
  ],
  environment: {
    FLEETCHECK_FLEET: BUNDLED_FLEET_FILE,
    FLEETCHECK_INTERVAL: '5m',
    ...(origins.length > 0 ? { FLEETCHECK_CORS_ORIGINS: origins.join(',') } : {}),
  },
  // uPlot is served from node_modules (createRequire(...).resolve), so it must exist in the bundle.
  nodejs: { ...NODEJS, install: [...NODEJS.install, 'uplot'] },
  ...inVpc,
});
