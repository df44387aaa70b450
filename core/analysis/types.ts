import { z } from 'zod';
import { layerSchema, outcomeSchema, statusSchema } from '../outcome.ts';
import { clusterStatusSchema, meshViewSchema, nodeLinkSchema } from '../sweep/report.ts';

/** Counts of results by status. */
export const statusCountsSchema = z.object({
  pass: z.number().int(),
  warn: z.number().int(),
  fail: z.number().int(),
  error: z.number().int(),
  skip: z.number().int(),
});
export type StatusCounts = z.infer<typeof statusCountsSchema>;

/** Worst status per layer of one run (layers without counted results are absent). */
export const layerStatusesSchema = z.partialRecord(layerSchema, clusterStatusSchema);
export type LayerStatuses = z.infer<typeof layerStatusesSchema>;

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() });
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** One stored cluster run without its results (history lists). */
export const runSummarySchema = z.object({
  sweepId: z.string(),
  at: z.string(),
  status: clusterStatusSchema,
  durationMs: z.number(),
  counts: statusCountsSchema,
  layers: layerStatusesSchema,
  healthRttP95Ms: z.number().optional(),
  endpointsNotReady: z.number().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/** The cluster registry row plus its latest verdict. */
export const clusterSummarySchema = z.object({
  name: z.string(),
  provider: z.string().optional(),
  region: z.string().optional(),
  account: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  meshGroup: z.string().optional(),
  ciliumVersion: z.string().optional(),
  clusterId: z.number().int().optional(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  lastStatus: clusterStatusSchema.optional(),
  lastSweepId: z.string().optional(),
  stale: z.boolean(),
});
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

/** A run with everything stored about it. */
export const runDetailSchema = runSummarySchema.extend({
  config: z.record(z.string(), z.string()).optional(),
  results: z.array(outcomeSchema),
  healthLinks: z.array(nodeLinkSchema),
  mesh: z.array(meshViewSchema),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

export const clusterDetailSchema = clusterSummarySchema.extend({ latestRun: runDetailSchema.nullable() });
export type ClusterDetail = z.infer<typeof clusterDetailSchema>;

/** Latest verdict per cluster (stale clusters flagged, never shown healthy) and fleet counts. */
export const fleetViewSchema = z.object({
  generatedAt: z.string(),
  lastSweep: z
    .object({ id: z.string(), startedAt: z.string(), status: clusterStatusSchema.optional() })
    .nullable(),
  counts: z.object({
    total: z.number().int(),
    pass: z.number().int(),
    warn: z.number().int(),
    fail: z.number().int(),
    error: z.number().int(),
    stale: z.number().int(),
  }),
  clusters: z.array(
    z.object({
      name: z.string(),
      status: clusterStatusSchema,
      stale: z.boolean(),
      lastCheckedAt: z.string(),
      sweepId: z.string(),
      provider: z.string().optional(),
      region: z.string().optional(),
      meshGroup: z.string().optional(),
      ciliumVersion: z.string().optional(),
      layers: layerStatusesSchema,
      counts: statusCountsSchema,
    }),
  ),
});
export type FleetView = z.infer<typeof fleetViewSchema>;

export const sweepSummarySchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  status: clusterStatusSchema.optional(),
  trigger: z.string().optional(),
  clusters: z.number().int(),
  clusterCounts: z.object({
    pass: z.number().int(),
    warn: z.number().int(),
    fail: z.number().int(),
    error: z.number().int(),
  }),
});
export type SweepSummary = z.infer<typeof sweepSummarySchema>;

export const sweepRefSchema = z.object({ sweepId: z.string(), at: z.string() });

/** A (cluster, check, subject) whose status got worse; `from: 'absent'` = a new subject that is not passing. */
export const regressionSchema = z.object({
  cluster: z.string(),
  check: z.string(),
  subject: z.string(),
  layer: layerSchema.optional(),
  from: z.union([statusSchema, z.literal('absent')]),
  to: statusSchema,
  message: z.string(),
  hint: z.string().optional(),
});
export type Regression = z.infer<typeof regressionSchema>;

export const recoverySchema = z.object({
  cluster: z.string(),
  check: z.string(),
  subject: z.string(),
  layer: layerSchema.optional(),
  from: statusSchema,
  to: statusSchema,
});
export type Recovery = z.infer<typeof recoverySchema>;

/** A cluster metric beyond threshold vs the median of the baseline runs. */
const metricRegressionSchema = z.object({
  cluster: z.string(),
  metric: z.enum(['health_rtt_p95_ms', 'endpoints_not_ready']),
  baselineMedian: z.number(),
  current: z.number(),
  threshold: z.string(),
});
export type MetricRegression = z.infer<typeof metricRegressionSchema>;

export const regressionReportSchema = z.object({
  baseline: sweepRefSchema.nullable(),
  current: sweepRefSchema.nullable(),
  regressions: z.array(regressionSchema),
  recoveries: z.array(recoverySchema),
  metricRegressions: z.array(metricRegressionSchema),
});
export type RegressionReport = z.infer<typeof regressionReportSchema>;

export const flapSchema = z.object({
  cluster: z.string(),
  check: z.string(),
  subject: z.string(),
  changes: z.number().int(),
  statuses: z.array(statusSchema),
  lastChangeAt: z.string(),
  lastStatus: statusSchema,
});
export type Flap = z.infer<typeof flapSchema>;

export const trendMetricSchema = z.enum([
  'pass_rate',
  'failures',
  'errors',
  'health_rtt_p95_ms',
  'endpoints_not_ready',
  'clusters_failing',
]);
export type TrendMetric = z.infer<typeof trendMetricSchema>;

/** One line of a trend chart: `key` = cluster name, group value (provider/region/mesh) or `fleet`. */
export const trendSeriesSchema = z.object({
  key: z.string(),
  metric: trendMetricSchema,
  bucket: z.enum(['hour', 'day']),
  points: z.array(z.object({ t: z.string(), value: z.number().nullable() })),
});
export type TrendSeries = z.infer<typeof trendSeriesSchema>;
