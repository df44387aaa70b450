import { apiToken, databaseSecrets } from './secrets.ts';
import { NODEJS } from './settings.ts';

/** The read API + dashboard (functions/api via hono/aws-lambda) behind a Lambda function URL. */
export const api = new sst.aws.Function('Api', {
  handler: 'functions/api/index.handler',
  description: $interpolate`fleetcheck ${$app.stage}: HTTP API and dashboard`,
  runtime: 'nodejs20.x',
  timeout: '30 seconds',
  memory: '1024 MB',
  url: true,
  link: [apiToken, ...databaseSecrets],
  nodejs: NODEJS,
});
