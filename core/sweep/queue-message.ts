import { z } from 'zod';
import type { ErrorCode } from '../errors.ts';
import { layerSchema } from '../outcome.ts';

/**
 * The SQS message the serverless planner sends per cluster and the worker consumes (DESIGN §9).
 * It carries everything the worker needs to rebuild the cluster's target without the fleet file:
 * identity + labels, the serialisable client source, effective check settings and the sweep size.
 */
const checkSettingsSchema = z.object({
  layers: z.array(layerSchema),
  sampleAgents: z.number().int().min(0),
  full: z.boolean(),
  runBusiness: z.boolean(),
  healthProbe: z.boolean(),
  execConcurrency: z.number().int().positive(),
  apiDeadlineMs: z.number().int().positive(),
  execDeadlineMs: z.number().int().positive(),
  latencyWarnMs: z.number().nonnegative(),
  latencyFailMs: z.number().nonnegative(),
  endpointsWarn: z.number().int().nonnegative(),
  endpointsFail: z.number().int().nonnegative(),
  endpointsSettleMs: z.number().int().nonnegative().default(10_000),
  detectionBudgetSeconds: z.number().positive(),
  probeNamespace: z.string().min(1),
});

const errorCodeSchema = z.custom<ErrorCode>((v) => typeof v === 'string' && v.length > 0);

const targetSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('kubeconfig'), file: z.string().optional(), context: z.string().min(1) }),
  z.object({
    kind: z.literal('eks'),
    region: z.string().min(1),
    clusterName: z.string().min(1),
    roleArn: z.string().startsWith('arn:').optional(),
    externalId: z.string().min(2).max(1224).optional(),
  }),
  z.object({ kind: z.literal('unavailable'), code: errorCodeSchema, reason: z.string() }),
]);

/** A ClusterTarget without its `connect` function: what survives JSON. */
const queuedTargetSchema = z.object({
  name: z.string().min(1),
  provider: z.enum(['eks', 'gke', 'aks', 'generic']),
  region: z.string().optional(),
  account: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  meshGroup: z.string().optional(),
  expectedPeers: z.array(z.string()),
  probeTargets: z.array(z.object({ target: z.string().min(1), name: z.string().optional() })),
  overrides: z.record(z.string(), z.union([z.number(), z.boolean()])),
  source: targetSourceSchema,
});
export type QueuedTarget = z.infer<typeof queuedTargetSchema>;

export const checkClusterMessageSchema = z.object({
  v: z.literal(1),
  sweepId: z.string().min(1),
  /** The cluster's stable name (= target.name). */
  cluster: z.string().min(1),
  target: queuedTargetSchema,
  settings: checkSettingsSchema,
  /** Clusters planned in this sweep; the worker that lands the last one finishes the sweep. */
  total: z.number().int().positive(),
  /** Deadline for this cluster's checks, in ms (DESIGN §6: 90 s by default). */
  deadlineMs: z.number().int().positive(),
  /** After this the sweep is closed (or about to be): the worker drops the message instead of running late. */
  expiresAt: z.iso.datetime().optional(),
  /** 1 on first send; the dispatcher's own re-sends count up. SQS redeliveries keep it. */
  attempt: z.number().int().positive(),
});
export type CheckClusterMessage = z.infer<typeof checkClusterMessageSchema>;

/**
 * Parses a raw SQS body; throws a ZodError / SyntaxError for anything that is not a v1 message.
 * @example parseCheckClusterMessage(record.body).cluster // 'prod-eu-1'
 */
export function parseCheckClusterMessage(body: string): CheckClusterMessage {
  return checkClusterMessageSchema.parse(JSON.parse(body));
}

/** The serialisable part of a target (drops `connect`, copies only defined optional fields). */
export function toQueuedTarget(t: {
  name: string;
  provider: QueuedTarget['provider'];
  region?: string;
  account?: string;
  labels: Record<string, string>;
  meshGroup?: string;
  expectedPeers: string[];
  probeTargets: { target: string; name?: string }[];
  overrides: object;
  source: QueuedTarget['source'];
}): QueuedTarget {
  const overrides: QueuedTarget['overrides'] = {};
  for (const [k, v] of Object.entries(t.overrides)) {
    if (typeof v === 'number' || typeof v === 'boolean') overrides[k] = v;
  }
  return queuedTargetSchema.parse({
    name: t.name,
    provider: t.provider,
    region: t.region,
    account: t.account,
    labels: t.labels,
    meshGroup: t.meshGroup,
    expectedPeers: t.expectedPeers,
    probeTargets: t.probeTargets,
    overrides,
    source: t.source,
  });
}
