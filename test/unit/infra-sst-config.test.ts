import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { deploy, fleetFileForEachTest, spokeA, spokeB } from '../fixtures/events/sst-deploy.ts';
import { type Args, functionsOf, type Out, type Resource } from '../fixtures/events/sst-fakes.ts';

function seconds(d: unknown): number {
  const m = /^(\d+) (second|minute|hour)s?$/.exec(String(d));
  if (!m) throw new Error(`not an SST duration: ${String(d)}`);
  return Number(m[1]) * { second: 1, minute: 60, hour: 3600 }[m[2] as 'second'];
}

const fleetFile = fleetFileForEachTest();

const linkNames = (fn: Args) => (fn.link as Resource[]).map((l) => l.name);

describe('sst.config.ts', () => {
  it('declares an AWS app that keeps production resources', async () => {
    const { config } = await deploy('prod');
    expect(config.app({ stage: 'prod' })).toMatchObject({
      name: 'fleetcheck',
      home: 'aws',
      removal: 'retain',
      protect: true,
    });
    expect(config.app({ stage: 'alice' })).toMatchObject({ home: 'aws', removal: 'remove', protect: false });
  });

  it('creates the secrets (API token without placeholder) and a check queue whose DLQ takes ≥ 5 receives', async () => {
    const { made, one } = await deploy('prod');
    const secrets = made.filter((r) => r.kind === 'secret');
    expect(secrets.map((s) => s.name).sort()).toEqual([
      'ApiToken',
      'DatabaseAuthToken',
      'DatabaseUrl',
      'WebhookUrl',
    ]);
    expect(one('secret', 'ApiToken').args.placeholder).toBeUndefined();
    const dlq = one('queue', 'CheckDeadLetterQueue');
    const queue = one('queue', 'CheckQueue');
    const redrive = queue.args.dlq as { queue: Out<string>; retry: number };
    expect(redrive.queue).toBe(dlq.arn);
    expect(redrive.retry).toBeGreaterThanOrEqual(5);
    expect(dlq.subscriptions).toHaveLength(0);
  });

  it('subscribes the worker with partial batch responses and a capped event source mapping, no reserved concurrency', async () => {
    const { one } = await deploy('prod');
    const queue = one('queue', 'CheckQueue');
    const worker = one('function', 'Worker');
    expect(queue.subscriptions).toHaveLength(1);
    expect(queue.subscriptions[0]?.subscriber).toBe(worker.arn);
    const mapping = one('event-source-mapping', 'CheckQueueSubscriber').args;
    expect(mapping.functionResponseTypes).toEqual(['ReportBatchItemFailures']);
    const max = (mapping.scalingConfig as { maximumConcurrency: number }).maximumConcurrency;
    expect(max).toBeGreaterThanOrEqual(2);
    expect(max).toBeLessThanOrEqual(1000);
    expect(worker.args.concurrency).toBeUndefined();
    expect(worker.args.handler).toBe('functions/queue/check-cluster.handler');
    const timeout = seconds(worker.args.timeout);
    expect(timeout).toBeGreaterThan(90);
    expect(seconds(queue.args.visibilityTimeout)).toBeGreaterThanOrEqual(6 * timeout);
    expect(linkNames(worker.args)).toEqual(expect.arrayContaining(['DatabaseUrl', 'DatabaseAuthToken']));
    expect(linkNames(worker.args)).not.toContain('ApiToken');
  });

  it('schedules the planner (no async retries) every 5 minutes with the `{}` input SST sends', async () => {
    const { one } = await deploy('prod');
    const sweep = one('cron', 'SweepSchedule');
    const planner = one('function', 'Planner');
    expect(sweep.args.schedule).toBe('rate(5 minutes)');
    expect(sweep.target?.input).toBe('{}');
    expect((sweep.target?.function as Resource | undefined)?.arn).toBe(planner.arn);
    expect(planner.args.handler).toBe('functions/cron/plan-sweep.handler');
    expect(planner.args.retries).toBe(0);
    expect(linkNames(planner.args)).toEqual(
      expect.arrayContaining(['CheckQueue', 'DatabaseUrl', 'WebhookUrl']),
    );
    expect(planner.args.copyFiles).toContainEqual({ from: fleetFile, to: 'fleet.yaml' });
    expect((planner.args.environment as Args).FLEETCHECK_FLEET).toBe('fleet.yaml');
    const weekly = one('cron', 'WeeklyReport');
    expect(weekly.args.schedule).toBe('cron(0 6 ? * MON *)');
    expect(weekly.target?.input).toBe('{}');
    expect(one('function', 'WeeklyReporter').args.handler).toBe('functions/cron/weekly-report.handler');
  });

  it('serves the API from a function URL, CORS off unless origins are configured', async () => {
    const { one, outputs, made } = await deploy('prod');
    const api = one('function', 'Api');
    expect(api.args).toMatchObject({ handler: 'functions/api/index.handler', url: { cors: false } });
    expect(linkNames(api.args)).toEqual(expect.arrayContaining(['ApiToken', 'CheckQueue', 'DatabaseUrl']));
    expect(outputs.api).toBe(api.url);
    expect(outputs.checkQueue).toBe(made.find((r) => r.name === 'CheckQueue')?.url);
    vi.stubEnv('FLEETCHECK_CORS_ORIGINS', 'https://ops.example.com, https://noc.example.com');
    const cors = (await deploy('prod')).one('function', 'Api').args;
    expect((cors.url as { cors: { allowOrigins: string[] } }).cors.allowOrigins).toEqual([
      'https://ops.example.com',
      'https://noc.example.com',
    ]);
    expect((cors.environment as Args).FLEETCHECK_CORS_ORIGINS).toBe(
      'https://ops.example.com,https://noc.example.com',
    );
  });

  it('runs every function on a supported Node runtime, libSQL only in the bundles', async () => {
    const { made } = await deploy('prod');
    const fns = functionsOf(made);
    expect(fns.map((f) => f.name).sort()).toEqual(
      ['AlarmsSubscriber', 'Api', 'Migrator', 'Planner', 'WeeklyReporter', 'Worker'].sort(),
    );
    for (const fn of fns) {
      expect(['nodejs22.x', 'nodejs24.x'], fn.name).toContain(fn.args.runtime);
      const install = (fn.args.nodejs as { install: string[] }).install;
      expect(install, fn.name).toContain('@libsql/client');
      expect(install, fn.name).not.toContain('better-sqlite3');
    }
  });

  it('migrates once per deploy that adds migrations, from the deploy, through the Migrator', async () => {
    const { one } = await deploy('prod');
    const migrator = one('function', 'Migrator');
    const invocation = one('invocation', 'MigrateOnDeploy').args;
    expect(invocation.functionName).toBe(migrator.awsName);
    expect((invocation.triggers as { journal: string }).journal).toMatch(/^[0-9a-f]{64}$/);
    expect(migrator.args.copyFiles).toContainEqual({
      from: 'db/migrations',
      to: 'functions/migrate/migrations',
    });
  });

  it('alarms on DLQ depth, worker errors and throttles and planner errors, into one SNS topic with a webhook forwarder', async () => {
    const { made, one, outputs } = await deploy('prod');
    const topic = one('sns-topic', 'Alarms');
    const alarms = made.filter((r) => r.kind === 'metric-alarm');
    const watched = alarms.map((a) => {
      const dims = a.args.dimensions as Record<string, Out<string>>;
      return `${a.args.namespace}:${a.args.metricName}:${Object.values(dims)[0]?.value}`;
    });
    expect(watched.sort()).toEqual(
      [
        'AWS/Lambda:Errors:fleetcheck-prod-Planner',
        'AWS/Lambda:Errors:fleetcheck-prod-Worker',
        'AWS/Lambda:Throttles:fleetcheck-prod-Worker',
        'AWS/SQS:ApproximateNumberOfMessagesVisible:fleetcheck-prod-CheckDeadLetterQueue',
      ].sort(),
    );
    for (const a of alarms) expect(a.args.alarmActions).toEqual([topic.arn]);
    const forwarder = topic.subscriptions[0]?.subscriber as Args;
    expect(forwarder.handler).toBe('functions/alarms/forward.handler');
    expect(linkNames(forwarder)).toEqual(['WebhookUrl']);
    expect(outputs.alarms).toBe(topic.arn);
  });

  it('grants EKS discovery and AssumeRole on exactly the spoke roles of the fleet file', async () => {
    const { one } = await deploy('prod');
    for (const name of ['Worker', 'Planner', 'Api']) {
      const perms = one('function', name).args.permissions as { actions: string[]; resources: string[] }[];
      const granted = (action: string) =>
        perms.filter((p) => p.actions.includes(action)).flatMap((p) => p.resources);
      expect(granted('eks:ListClusters')).toEqual(['*']);
      expect(granted('eks:DescribeCluster').length).toBeGreaterThan(0);
      expect(granted('sts:AssumeRole').sort()).toEqual([spokeA, spokeB]);
      expect(perms.flatMap((p) => p.actions).filter((a) => a.endsWith('*'))).toEqual([]);
    }
  });

  it("ships the files the API's bundled modules read at runtime, where they look for them", async () => {
    const { one } = await deploy('prod');
    const api = one('function', 'Api').args;
    // SST writes the bundle of `functions/api/index.handler` to `functions/api/index.mjs`.
    expect(api.copyFiles).toEqual(
      expect.arrayContaining([
        { from: 'server/dashboard/public', to: 'functions/api/public' },
        { from: 'package.json', to: 'functions/package.json' },
      ]),
    );
    expect(existsSync('server/dashboard/public/index.html')).toBe(true);
    expect((api.nodejs as { install: string[] }).install).toEqual(
      expect.arrayContaining(['uplot', '@libsql/client']),
    );
  });

  it('puts the functions in the VPC when subnets and security groups are given, both or neither', async () => {
    expect(functionsOf((await deploy('prod')).made).every((f) => f.args.vpc === undefined)).toBe(true);
    vi.stubEnv('FLEETCHECK_VPC_SUBNETS', 'subnet-0a,subnet-0b');
    vi.stubEnv('FLEETCHECK_VPC_SECURITY_GROUPS', 'sg-01');
    const { one } = await deploy('prod');
    for (const name of ['Worker', 'Planner', 'Api', 'Migrator'])
      expect(one('function', name).args.vpc).toEqual({
        privateSubnets: ['subnet-0a', 'subnet-0b'],
        securityGroups: ['sg-01'],
      });
    vi.stubEnv('FLEETCHECK_VPC_SECURITY_GROUPS', undefined);
    await expect(deploy('prod')).rejects.toThrow(/set both or neither/);
  });

  it('sizes the worker by stage and puts the stage in descriptions', async () => {
    const prod = await deploy('prod');
    const dev = await deploy('alice');
    const max = (d: typeof prod) =>
      (
        d.one('event-source-mapping', 'CheckQueueSubscriber').args.scalingConfig as {
          maximumConcurrency: number;
        }
      ).maximumConcurrency;
    expect(max(prod)).toBeGreaterThan(max(dev));
    expect(String((dev.one('function', 'Api').args.description as Out<string>).value)).toContain('alice');
  });

  it('refuses a fleet file with kubeconfig clusters, naming them', async () => {
    const kc = join(dirname(fleetFile), 'kc-fleet.yaml');
    writeFileSync(
      kc,
      ['version: 1', 'clusters:', '  - { name: lab, kubeconfig: ./kc.yaml, context: lab }'].join('\n'),
    );
    vi.stubEnv('FLEETCHECK_FLEET', kc);
    await expect(deploy('prod')).rejects.toThrow(/lab use a kubeconfig context/);
  });

  it('refuses to deploy without a fleet file', async () => {
    vi.stubEnv('FLEETCHECK_FLEET', undefined);
    await expect(deploy('prod')).rejects.toThrow(/FLEETCHECK_FLEET/);
  });
});
