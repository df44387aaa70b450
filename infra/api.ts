import { hubPermissions } from './iam.ts';
import { checkQueue } from './queue.ts';
import { apiToken, databaseSecrets } from './secrets.ts';
import { BUNDLED_FLEET_FILE, besideHandler, fleet, migrationsBeside, NODEJS } from './settings.ts';

const HANDLER = 'functions/api/index.handler';

/**
 * The API + dashboard (functions/api via hono/aws-lambda) behind a Lambda function URL. It can also plan a
 * sweep on `POST /api/v1/sweeps` (bearer token), so it gets the planner's fleet file, queue and IAM.
 */
export const api = new sst.aws.Function('Api', {
  handler: HANDLER,
  description: $interpolate`fleetcheck ${$app.stage}: HTTP API and dashboard`,
  runtime: 'nodejs20.x',
  timeout: '30 seconds',
  memory: '1024 MB',
  url: true,
  link: [apiToken, checkQueue, ...databaseSecrets],
  permissions: hubPermissions,
  copyFiles: [
    { from: fleet.file, to: BUNDLED_FLEET_FILE },
    migrationsBeside(HANDLER),
    // server/dashboard/assets.ts serves `public/` beside the module; server/version.ts reads `../package.json`.
    besideHandler(HANDLER, 'server/dashboard/public', 'public'),
    besideHandler(HANDLER, 'package.json', '../package.json'),
  ],
  environment: { FLEETCHECK_FLEET: BUNDLED_FLEET_FILE, FLEETCHECK_INTERVAL: '5m' },
  // uPlot is served from node_modules (createRequire(...).resolve), so it must exist in the bundle.
  nodejs: { ...NODEJS, install: [...NODEJS.install, 'uplot'] },
});
