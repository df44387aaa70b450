import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Args, installFakes, type Out, type Resource } from '../fixtures/events/sst-fakes.ts';

interface LoadedConfig {
  app(input: { stage?: string }): Args;
  run(): Promise<Record<string, unknown>>;
}

async function deploy(stage: string) {
  vi.resetModules();
  const made = installFakes(stage);
  const config = (await import('../../sst.config.ts')).default as unknown as LoadedConfig;
  const outputs = await config.run();
  const one = (kind: Resource['kind'], name: string) => {
    const found = made.filter((r) => r.kind === kind && r.name === name);
    expect(found, `${kind} ${name}`).toHaveLength(1);
    return found[0] as Resource;
  };
  return { made, outputs, config, one };
}

function seconds(d: unknown): number {
  const m = /^(\d+) (second|minute|hour)s?$/.exec(String(d));
  if (!m) throw new Error(`not an SST duration: ${String(d)}`);
  return Number(m[1]) * { second: 1, minute: 60, hour: 3600 }[m[2] as 'second'];
}

const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-infra-'));
const fleetFile = join(dir, 'fleet.yaml');
const spokeA = 'arn:aws:iam::111111111111:role/fleetcheck-spoke';
const spokeB = 'arn:aws:iam::222222222222:role/fleetcheck-spoke';
writeFileSync(
  fleetFile,
  [
    'version: 1',
    'clusters:',
    `  - { name: prod-a, eks: { region: eu-west-1, name: prod-a, roleArn: "${spokeA}" } }`,
    '  - { name: lab, kubeconfig: ./kc.yaml, context: lab }',
    'eks:',
    `  discover: [{ regions: [us-east-1, eu-west-1], roleArn: "${spokeB}" }]`,
  ].join('\n'),
);

beforeEach(() => {
  vi.stubEnv('FLEETCHECK_FLEET', fleetFile);
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

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

  it('creates the three secrets and a check queue with a dead-letter queue', async () => {
    const { made, one } = await deploy('prod');
    expect(
      made
        .filter((r) => r.kind === 'secret')
        .map((s) => s.name)
        .sort(),
    ).toEqual(['ApiToken', 'DatabaseAuthToken', 'DatabaseUrl']);
    const dlq = one('queue', 'CheckDeadLetterQueue');
    const queue = one('queue', 'CheckQueue');
    const redrive = queue.args.dlq as { queue: Out<string>; retry: number };
    expect(redrive.queue).toBe(dlq.arn);
    expect(redrive.retry).toBeGreaterThanOrEqual(1);
    expect(dlq.subscriptions).toHaveLength(0);
  });

  it('subscribes the worker with partial batch responses, reserved concurrency and a bounded timeout', async () => {
    const { one } = await deploy('prod');
    const queue = one('queue', 'CheckQueue');
    expect(queue.subscriptions).toHaveLength(1);
    const [sub] = queue.subscriptions;
    const fn = sub?.subscriber as Args;
    expect(fn.handler).toBe('functions/queue/check-cluster.handler');
    expect(sub?.args.batch).toMatchObject({ partialResponses: true });
    const timeout = seconds(fn.timeout);
    expect(timeout).toBeGreaterThan(90);
    expect(seconds(queue.args.visibilityTimeout)).toBeGreaterThan(timeout);
    expect((fn.concurrency as { reserved: number }).reserved).toBeGreaterThan(0);
    const links = (fn.link as Resource[]).map((l) => l.name);
    expect(links).toEqual(expect.arrayContaining(['DatabaseUrl', 'DatabaseAuthToken']));
    expect(links).not.toContain('ApiToken');
  });

  it('schedules the planner every 5 minutes and the weekly report on Monday mornings', async () => {
    const { one } = await deploy('prod');
    const sweep = one('cron', 'SweepSchedule').args;
    expect(sweep.schedule).toBe('rate(5 minutes)');
    const planner = sweep.function as Args;
    expect(planner.handler).toBe('functions/cron/plan-sweep.handler');
    expect((planner.link as Resource[]).map((l) => l.name)).toEqual(
      expect.arrayContaining(['CheckQueue', 'DatabaseUrl', 'DatabaseAuthToken']),
    );
    const copied = planner.copyFiles as { from: string; to: string }[];
    expect(copied).toContainEqual({ from: fleetFile, to: 'fleet.yaml' });
    expect((planner.environment as Args).FLEETCHECK_FLEET).toBe('fleet.yaml');
    const weekly = one('cron', 'WeeklyReport').args;
    expect(weekly.schedule).toBe('cron(0 6 ? * MON *)');
    expect((weekly.function as Args).handler).toBe('functions/cron/weekly-report.handler');
  });

  it('serves the API from a function URL with the token linked, and returns its outputs', async () => {
    const { one, outputs, made } = await deploy('prod');
    const api = one('function', 'Api');
    expect(api.args).toMatchObject({ handler: 'functions/api/index.handler', url: true });
    expect((api.args.link as Resource[]).map((l) => l.name)).toEqual(
      expect.arrayContaining(['ApiToken', 'CheckQueue', 'DatabaseUrl']),
    );
    expect(outputs.api).toBe(api.url);
    expect(outputs.checkQueue).toBe(made.find((r) => r.name === 'CheckQueue')?.url);
  });

  it('grants EKS discovery and AssumeRole on exactly the spoke roles of the fleet file', async () => {
    const { one } = await deploy('prod');
    const worker = one('queue', 'CheckQueue').subscriptions[0]?.subscriber as Args;
    const planner = one('cron', 'SweepSchedule').args.function as Args;
    const api = one('function', 'Api').args;
    for (const fn of [worker, planner, api]) {
      const perms = fn.permissions as { actions: string[]; resources: string[] }[];
      const granted = (action: string) =>
        perms.filter((p) => p.actions.includes(action)).flatMap((p) => p.resources);
      expect(granted('eks:ListClusters')).toEqual(['*']);
      expect(granted('eks:DescribeCluster').length).toBeGreaterThan(0);
      expect(granted('sts:AssumeRole').sort()).toEqual([spokeA, spokeB]);
      expect(perms.flatMap((p) => p.actions).filter((a) => a.endsWith('*'))).toEqual([]);
    }
  });

  it('names every handler after a file that exports it', async () => {
    const { made } = await deploy('prod');
    const handlers = [
      ...made.flatMap((r) => r.subscriptions.map((s) => s.subscriber.handler)),
      ...made.filter((r) => r.kind === 'cron').map((r) => (r.args.function as Args).handler),
      ...made.filter((r) => r.kind === 'function').map((r) => r.args.handler),
    ] as string[];
    expect(handlers).toHaveLength(4);
    for (const h of handlers) {
      const [file, exported] = [h.slice(0, h.lastIndexOf('.')), h.slice(h.lastIndexOf('.') + 1)];
      expect(existsSync(`${file}.ts`), `${file}.ts`).toBe(true);
      const mod = (await import(/* @vite-ignore */ pathToFileURL(resolve(`${file}.ts`)).href)) as Args;
      expect(typeof mod[exported], h).toBe('function');
    }
  });

  it('copies db/migrations beside every handler that opens the store with migrations', async () => {
    const { made } = await deploy('prod');
    const migrating = [
      ...made.filter((r) => r.kind === 'cron').map((r) => r.args.function as Args),
      ...made.filter((r) => r.kind === 'function').map((r) => r.args),
    ];
    expect(migrating).toHaveLength(3);
    for (const fn of migrating) {
      const handler = String(fn.handler);
      const dir = handler.slice(0, handler.lastIndexOf('/'));
      expect(fn.copyFiles).toContainEqual({ from: 'db/migrations', to: `${dir}/migrations` });
    }
    expect(existsSync('db/migrations')).toBe(true);
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
      expect.arrayContaining(['uplot', 'better-sqlite3', '@libsql/client']),
    );
  });

  it('sizes the worker by stage and puts the stage in descriptions', async () => {
    const prod = await deploy('prod');
    const dev = await deploy('alice');
    const reserved = (d: typeof prod) => {
      const worker = d.one('queue', 'CheckQueue').subscriptions[0]?.subscriber ?? {};
      return (worker.concurrency as { reserved: number }).reserved;
    };
    expect(reserved(prod)).toBeGreaterThan(reserved(dev));
    expect(String((dev.one('function', 'Api').args.description as Out<string>).value)).toContain('alice');
  });

  it('refuses to deploy without a fleet file', async () => {
    vi.stubEnv('FLEETCHECK_FLEET', undefined);
    await expect(deploy('prod')).rejects.toThrow(/FLEETCHECK_FLEET/);
  });
});
