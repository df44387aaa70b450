/**
 * fleetcheck on AWS (DESIGN §9). Resources live in infra/, one file per concern; this file only orders them.
 * Deploy: `FLEETCHECK_FLEET=fleet.yaml npx sst deploy --stage prod` (docs/deploy-aws.md).
 */
export default $config({
  app(input) {
    const production = input?.stage === 'prod' || input?.stage === 'production';
    return {
      name: 'fleetcheck',
      home: 'aws',
      removal: production ? 'retain' : 'remove',
      protect: production,
    };
  },
  async run() {
    await import('./infra/secrets.ts');
    const { checkQueue, deadLetterQueue } = await import('./infra/queue.ts');
    const { api } = await import('./infra/functions.ts');
    await import('./infra/migrations.ts');
    await import('./infra/worker.ts');
    await import('./infra/cron.ts');
    const { alarmTopic } = await import('./infra/alarms.ts');
    return {
      api: api.url,
      checkQueue: checkQueue.url,
      deadLetterQueue: deadLetterQueue.url,
      alarms: alarmTopic.arn,
    };
  },
});
