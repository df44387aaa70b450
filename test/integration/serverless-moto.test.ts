import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assumeRoleProvider } from '../../core/aws/credentials.ts';
import { runClusterChecks } from '../../core/checks/run.ts';
import { loadFleet } from '../../core/fleet/index.ts';
import type { History } from '../../core/history/history.ts';
import { sweepFinished } from '../../core/notify/sweep-finished.ts';
import { connectQueued } from '../../core/serverless/connect.ts';
import { sqsSender } from '../../core/serverless/sqs-sender.ts';
import { createPlanSweepHandler } from '../../functions/cron/plan-sweep.ts';
import { createCheckClusterHandler } from '../../functions/queue/check-cluster.ts';
import { parseScenario, type Simulator, startSimulator } from '../../sim/index.ts';
import { type Moto, motoAvailable, startMoto } from '../fixtures/moto-server.ts';

/**
 * The deployed pipeline against moto's SQS and STS (not our fakes): the planner handler fed SST's Cron input
 * `{}` → SendMessageBatch → a poller that receives like Lambda's SQS event source mapping and invokes the worker
 * handler with that event shape → the simulator's clusters → libSQL (file mode) → the API handler fed a
 * function-URL event. The queue has the deployed redrive policy (infra/settings.ts MAX_RECEIVES).
 */
const REGION = 'eu-west-1';
const TOKEN = 'moto-e2e-token';
const MAX_RECEIVES = 5;
const SCENARIO = `
version: 1
seed: 11
clusters:
  - { name: mo-a, clusterId: 1, nodes: 2 }
  - { name: mo-b, clusterId: 2, nodes: 2 }
`;
const context = { getRemainingTimeInMillis: () => 120_000 };
const dir = mkdtempSync(join(tmpdir(), 'fleetcheck-moto-'));
const enabled = motoAvailable();

let moto: Moto;
let sim: Simulator;
let sqs: SQSClient;
let queueUrl: string;
let dlqUrl: string;
let store: History;
let hook: Server;
const posted: { text: string }[] = [];
let apiHandler: typeof import('../../functions/api/index.ts').handler;

/** The record shape Lambda's SQS event source mapping sends (docs: "Example Amazon SQS message event"). */
function lambdaRecord(m: Message, queueArn: string) {
  return {
    messageId: m.MessageId,
    receiptHandle: m.ReceiptHandle,
    body: m.Body,
    attributes: {
      ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount,
      SentTimestamp: m.Attributes?.SentTimestamp,
      SenderId: m.Attributes?.SenderId,
      ApproximateFirstReceiveTimestamp: m.Attributes?.ApproximateFirstReceiveTimestamp,
    },
    messageAttributes: {},
    md5OfBody: m.MD5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: REGION,
  };
}

const worker = createCheckClusterHandler(async () => ({
  store,
  connect: connectQueued,
  runChecks: runClusterChecks,
  onFinished: sweepFinished(store, { webhookUrl: hookUrl() }),
}));

function hookUrl(): string {
  const { port } = hook.address() as { port: number };
  return `http://127.0.0.1:${port}/hook`;
}

/**
 * Polls like the event source mapping: receive a batch, invoke the worker, delete what succeeded; a reported
 * failure is made visible again at once (its visibility timeout "expires"). Stops when a receive is empty.
 */
async function drain(queueArn: string): Promise<{ receives: number; bodies: string[] }> {
  const bodies: string[] = [];
  let receives = 0;
  for (let round = 0; round < 40; round++) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 4,
        MessageSystemAttributeNames: ['All'],
        VisibilityTimeout: 60,
      }),
    );
    if (Messages.length === 0) return { receives, bodies };
    receives += Messages.length;
    bodies.push(...Messages.map((m) => m.Body ?? ''));
    const { batchItemFailures } = await worker(
      { Records: Messages.map((m) => lambdaRecord(m, queueArn)) },
      context,
    );
    const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
    for (const m of Messages) {
      const ReceiptHandle = m.ReceiptHandle ?? '';
      if (failed.has(m.MessageId ?? ''))
        await sqs.send(
          new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle, VisibilityTimeout: 0 }),
        );
      else await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle }));
    }
  }
  throw new Error('the queue did not drain in 40 rounds');
}

async function queueArnOf(url: string): Promise<string> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return out.Attributes?.QueueArn ?? '';
}

function functionUrlEvent(method: string, path: string) {
  const base = JSON.parse(
    readFileSync(new URL('../fixtures/events/apigw-v2-fleet.json', import.meta.url), 'utf8'),
  ) as {
    rawPath: string;
    headers: Record<string, string>;
    requestContext: { http: { path: string; method: string } };
  };
  base.rawPath = path;
  base.requestContext.http.path = path;
  base.requestContext.http.method = method;
  base.headers.authorization = `Bearer ${TOKEN}`;
  return base;
}

beforeAll(async () => {
  if (!enabled) return;
  moto = await startMoto();
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString();
    });
    req.on('end', () => {
      posted.push(JSON.parse(body) as { text: string });
      res.end('ok');
    });
  });
  await new Promise<void>((ok) => hook.listen(0, '127.0.0.1', ok));
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'testing');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'testing');
  vi.stubEnv('AWS_REGION', REGION);
  vi.stubEnv('AWS_ENDPOINT_URL', moto.endpoint);
  sqs = new SQSClient({ region: REGION, endpoint: moto.endpoint });
  dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'fleetcheck-e2e-dlq' }))).QueueUrl ?? '';
  queueUrl =
    (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: 'fleetcheck-e2e-checks',
          Attributes: {
            VisibilityTimeout: '720',
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: await queueArnOf(dlqUrl),
              maxReceiveCount: MAX_RECEIVES,
            }),
          },
        }),
      )
    ).QueueUrl ?? '';
  sim = await startSimulator(parseScenario(SCENARIO));
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  await sim.writeKubeconfig(kubeconfig);
  const fleet = join(dir, 'fleet.yaml');
  writeFileSync(
    fleet,
    [
      'version: 1',
      'clusters:',
      ...['mo-a', 'mo-b'].map((n) => `  - { name: ${n}, kubeconfig: "${kubeconfig}", context: ${n} }`),
    ].join('\n'),
  );
  vi.stubEnv('FLEETCHECK_FLEET', fleet);
  vi.stubEnv('FLEETCHECK_DB', `libsql:file:${join(dir, 'history.db')}`);
  vi.stubEnv('SST_RESOURCE_ApiToken', JSON.stringify({ type: 'sst.sst.Secret', value: TOKEN }));
  vi.stubEnv('SST_RESOURCE_CheckQueue', JSON.stringify({ type: 'sst.aws.Queue', url: queueUrl }));
  await (await import('../../functions/migrate/index.ts')).handler();
  store = await (await import('../../functions/store.ts')).lambdaStore();
  apiHandler = (await import('../../functions/api/index.ts')).handler;
}, 120_000);

afterAll(async () => {
  if (!enabled) return;
  await (await import('../../functions/store.ts')).closeLambdaStore();
  await sim?.stop();
  await moto?.stop();
  await new Promise((ok) => hook?.close(ok));
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

function plannerAt(iso: string) {
  return createPlanSweepHandler(
    async () => ({
      loadTargets: () => loadFleet({ fleetFile: join(dir, 'fleet.yaml') }),
      store,
      send: sqsSender(sqs, queueUrl),
      intervalMs: 300_000,
      onFinished: sweepFinished(store, { webhookUrl: hookUrl() }),
    }),
    () => new Date(iso),
  );
}

describe.skipIf(!enabled)('serverless pipeline on moto (SQS, STS) + simulator + libSQL', () => {
  let sweepId = '';
  let firstBodies: string[] = [];

  it('plans from SST’s `{}`, checks every cluster through SQS, finishes the sweep once, and dead-letters a poison message', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"v":1,"truncated' }));
    const plan = await plannerAt(new Date().toISOString())({});
    sweepId = plan.sweepId;
    expect(plan).toMatchObject({ queued: 2, failed: [], finished: false });
    const { receives, bodies } = await drain(await queueArnOf(queueUrl));
    firstBodies = bodies.filter((b) => b.includes(sweepId));
    expect(firstBodies).toHaveLength(2);
    expect(receives).toBe(2 + MAX_RECEIVES);
    const dlq = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10 }));
    expect(dlq.Messages?.map((m) => m.Body)).toEqual(['{"v":1,"truncated']);
    const report = await store.sweep(sweepId);
    expect(report?.sweep.finishedAt).toBeDefined();
    expect(report?.clusters.map((c) => c.name).sort()).toEqual(['mo-a', 'mo-b']);
    expect(report?.sweep.status).toBe('pass');
  });

  it('a redelivered message replaces its run: no duplicate rows, no second finish, no probe Job left', async () => {
    const before = await store.sweep(sweepId);
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: firstBodies[0] ?? '' }));
    await drain(await queueArnOf(queueUrl));
    const after = await store.sweep(sweepId);
    expect(after?.clusters.map((c) => c.name).sort()).toEqual(['mo-a', 'mo-b']);
    expect(after?.sweep.finishedAt).toBe(before?.sweep.finishedAt);
    const page = await store.clusterHistory('mo-a', { limit: 10 });
    expect(page?.items.filter((r) => r.sweepId === sweepId)).toHaveLength(1);
    for (const c of ['mo-a', 'mo-b']) {
      const stats = sim.stats(c);
      expect(stats.liveJobs, c).toBe(0);
      expect(stats.livePods, c).toBe(0);
      expect(stats.jobsCreated, c).toBeGreaterThan(0);
      expect(stats.jobsDeleted, c).toBe(stats.jobsCreated);
    }
  });

  it('a new failure in the next sweep is posted once to the webhook as Slack-compatible text', async () => {
    sim.setFaults('mo-b', [{ type: 'operator-unavailable' }]);
    const next = await plannerAt(new Date(Date.now() + 300_000).toISOString())({});
    await drain(await queueArnOf(queueUrl));
    expect((await store.sweep(next.sweepId))?.sweep.status).toBe('fail');
    expect(posted).toHaveLength(1);
    expect(posted[0]?.text).toContain(`new regression`);
    expect(posted[0]?.text).toContain('mo-b component.operator.ready');
    sim.setFaults('mo-b', []);
  });

  it('the API handler answers a function-URL event from the same libSQL store, and POST /sweeps is single-flight', async () => {
    const res = await apiHandler(functionUrlEvent('GET', `/api/v1/sweeps/${sweepId}`) as never);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ sweep: { id: sweepId, status: 'pass' } });
    const first = await apiHandler(functionUrlEvent('POST', '/api/v1/sweeps') as never);
    const again = await apiHandler(functionUrlEvent('POST', '/api/v1/sweeps') as never);
    expect(first.statusCode).toBe(202);
    const started = JSON.parse(first.body) as { id: string; running: boolean };
    expect(started.running).toBe(false);
    expect(JSON.parse(again.body)).toMatchObject({ id: started.id, running: true });
    await drain(await queueArnOf(queueUrl));
    expect((await store.sweep(started.id))?.sweep.finishedAt).toBeDefined();
    const third = await apiHandler(functionUrlEvent('POST', '/api/v1/sweeps') as never);
    expect(JSON.parse(third.body)).toMatchObject({ running: false });
    expect(JSON.parse(third.body).id).not.toBe(started.id);
    await drain(await queueArnOf(queueUrl));
  });

  it('assumes a spoke role through STS with an external id', async () => {
    const creds = await assumeRoleProvider({
      roleArn: 'arn:aws:iam::123456789012:role/fleetcheck-spoke',
      externalId: 'fleetcheck-hub-7f3a',
      region: REGION,
      endpoint: moto.endpoint,
      credentials: async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' }),
    })();
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(creds.sessionToken).toBeTruthy();
    expect(creds.expiration?.getTime()).toBeGreaterThan(Date.now());
  });
});
