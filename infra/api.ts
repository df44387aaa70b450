import { apiToken, databaseSecrets } from './secrets.ts';
import { migrationsBeside, NODEJS } from './settings.ts';

const HANDLER = 'functions/api/index.handler';

/** The read API + dashboard (functions/api via hono/aws-lambda) behind a Lambda function URL. */
export const api = new sst.aws.Function('Api', {
  handler: HANDLER,
  description: $interpolate`fleetcheck ${$app.stage}: HTTP API and dashboard`,
  runtime: 'nodejs20.x',
  timeout: '30 seconds',
  memory: '1024 MB',
  url: true,
  copyFiles: [migrationsBeside(HANDLER)],
  link: [apiToken, ...databaseSecrets],
  nodejs: NODEJS,
});
