import { planner, worker } from './functions.ts';
import { deadLetterQueue } from './queue.ts';
import { webhookUrl } from './secrets.ts';
import { NODEJS, RUNTIME } from './settings.ts';

/** Where every alarm goes; subscribe e-mail or a pager to it. docs/deploy-aws.md says what each alarm means. */
export const alarmTopic = new sst.aws.SnsTopic('Alarms');

/** Forwards alarm notifications to the WebhookUrl secret as Slack-compatible JSON (nothing when `none`). */
alarmTopic.subscribe('AlarmWebhook', {
  handler: 'functions/alarms/forward.handler',
  description: $interpolate`fleetcheck ${$app.stage}: forward alarms to the webhook`,
  runtime: RUNTIME,
  timeout: '30 seconds',
  memory: '256 MB',
  link: [webhookUrl],
  nodejs: NODEJS,
});

const period = 300;
const common = {
  period,
  evaluationPeriods: 1,
  treatMissingData: 'notBreaching',
  comparisonOperator: 'GreaterThanThreshold',
  threshold: 0,
  alarmActions: [alarmTopic.arn],
  okActions: [alarmTopic.arn],
};

/** Messages gave up after every receive: some clusters of some sweeps were never checked. */
new aws.cloudwatch.MetricAlarm('DeadLetterQueueDepth', {
  ...common,
  alarmDescription: 'fleetcheck: check messages reached the dead-letter queue',
  namespace: 'AWS/SQS',
  metricName: 'ApproximateNumberOfMessagesVisible',
  dimensions: { QueueName: deadLetterQueue.nodes.queue.name },
  statistic: 'Maximum',
});

/** The worker crashed (store down, bug); the message is retried, then dead-lettered. */
new aws.cloudwatch.MetricAlarm('WorkerErrors', {
  ...common,
  alarmDescription: 'fleetcheck: the check worker failed invocations',
  namespace: 'AWS/Lambda',
  metricName: 'Errors',
  dimensions: { FunctionName: worker.name },
  statistic: 'Sum',
});

/** The account's concurrency ran out under the worker; its receives are burning towards the DLQ. */
new aws.cloudwatch.MetricAlarm('WorkerThrottles', {
  ...common,
  alarmDescription: 'fleetcheck: the check worker was throttled',
  namespace: 'AWS/Lambda',
  metricName: 'Throttles',
  dimensions: { FunctionName: worker.name },
  statistic: 'Sum',
});

/** A scheduled sweep was not planned (fleet file, discovery, store or queue failing): nothing is checked. */
new aws.cloudwatch.MetricAlarm('PlannerErrors', {
  ...common,
  alarmDescription: 'fleetcheck: the sweep planner failed',
  namespace: 'AWS/Lambda',
  metricName: 'Errors',
  dimensions: { FunctionName: planner.name },
  statistic: 'Sum',
});
