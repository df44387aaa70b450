import { z } from 'zod';

/** Fleet file format version 1 (documented in docs/fleet-file.md). */

const labels = z.record(z.string(), z.string());
const name = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/, 'letters, digits and . _ : / @ - only');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'expected an AWS region like "us-east-1"');
const roleArn = z.string().regex(/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/, 'expected an IAM role ARN');
const endpoint = z.url({ protocol: /^https?$/ });

const hostPort = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/;
const probeTargetString = z.string().refine((s) => {
  const hp = hostPort.exec(s);
  if (hp) return Number(hp[2]) > 0 && Number(hp[2]) < 65536;
  return /^https?:\/\/[^\s]+$/.test(s) && URL.canParse(s);
}, 'expected host:port or an http(s) URL');
const probeTarget = z.preprocess(
  (v) => (typeof v === 'string' ? { target: v } : v),
  z.strictObject({ target: probeTargetString, name: z.string().min(1).optional() }),
);

const thresholds = z.strictObject({
  latencyWarnMs: z.number().positive().optional(),
  latencyFailMs: z.number().positive().optional(),
  endpointsWarn: z.number().int().nonnegative().optional(),
  endpointsFail: z.number().int().nonnegative().optional(),
});

const overridesSchema = thresholds.extend({
  sampleAgents: z.number().int().min(1).max(10_000).optional(),
  full: z.boolean().optional(),
  detectionBudgetSeconds: z.number().positive().optional(),
  businessEvery: z.number().int().min(1).optional(),
});

/** The `sts:ExternalId` a spoke role's trust policy requires (AWS: 2–1224 characters of [\w+=,.@:/-]). */
const externalId = z
  .string()
  .regex(/^[\w+=,.@:/-]{2,1224}$/, 'expected 2-1224 characters of [A-Za-z0-9+=,.@:/_-]');

const eksRef = z
  .strictObject({
    region,
    name,
    roleArn: roleArn.optional(),
    externalId: externalId.optional(),
    endpoint: endpoint.optional(),
  })
  .refine((r) => !r.externalId || r.roleArn, { message: 'externalId needs a roleArn', path: ['externalId'] });

const clusterSchema = z
  .strictObject({
    name,
    kubeconfig: z.string().min(1).optional(),
    context: z.string().min(1).optional(),
    eks: eksRef.optional(),
    provider: z.enum(['eks', 'gke', 'aks', 'generic']).optional(),
    region: z.string().min(1).optional(),
    account: z.string().min(1).optional(),
    labels: labels.default({}),
    meshGroup: z.string().min(1).optional(),
    expectedPeers: z.array(name).default([]),
    probeTargets: z.array(probeTarget).default([]),
    overrides: overridesSchema.default({}),
  })
  .superRefine((c, ctx) => {
    if (c.eks && (c.context || c.kubeconfig))
      ctx.addIssue({
        code: 'custom',
        path: ['eks'],
        message: 'use either kubeconfig/context or eks, not both',
      });
    if (!c.eks && !c.context)
      ctx.addIssue({
        code: 'custom',
        path: ['context'],
        message: 'required unless the cluster has an eks reference',
      });
  });

const discoverSchema = z.strictObject({
  regions: z.array(region).min(1),
  roleArn: roleArn.optional(),
  externalId: externalId.optional(),
  account: z.string().min(1).optional(),
  labels: labels.default({}),
  meshGroup: z.string().min(1).optional(),
  endpoint: endpoint.optional(),
});

export const fleetFileSchema = z
  .strictObject({
    version: z.literal(1),
    defaults: z
      .strictObject({
        kubeconfig: z.string().min(1).optional(),
        sampleAgents: z.number().int().min(1).optional(),
        thresholds: thresholds.default({}),
        detectionBudgetSeconds: z.number().positive().optional(),
        businessEvery: z.number().int().min(1).optional(),
        labels: labels.default({}),
      })
      .prefault({}),
    clusters: z.array(clusterSchema).default([]),
    eks: z.strictObject({ discover: z.array(discoverSchema).default([]) }).optional(),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.clusters.forEach((c, i) => {
      if (seen.has(c.name))
        ctx.addIssue({
          code: 'custom',
          path: ['clusters', i, 'name'],
          message: `duplicate cluster name "${c.name}"`,
        });
      seen.add(c.name);
    });
    if (f.clusters.length === 0 && (f.eks?.discover.length ?? 0) === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['clusters'],
        message: 'no clusters and no eks.discover entries',
      });
  });

export type FleetFile = z.output<typeof fleetFileSchema>;
export type FleetFileCluster = FleetFile['clusters'][number];
