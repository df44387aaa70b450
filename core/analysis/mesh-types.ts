import { z } from 'zod';
import { layerSchema, statusSchema } from '../outcome.ts';
import { clusterStatusSchema, meshPairReportSchema, meshViewSchema } from '../sweep/report.ts';
import { flapSchema, layerStatusesSchema, recoverySchema, regressionSchema } from './types.ts';

/** Latest verdict of one mesh pair. */
export const meshPairSummarySchema = meshPairReportSchema.extend({
  sweepId: z.string(),
  at: z.string(),
});
export type MeshPairSummary = z.infer<typeof meshPairSummarySchema>;

export const meshSideSchema = z.object({
  cluster: z.string(),
  known: z.boolean(),
  at: z.string().optional(),
  status: clusterStatusSchema.optional(),
  layers: layerStatusesSchema,
  ciliumVersion: z.string().optional(),
  clusterId: z.number().int().optional(),
  /** This side's view of the other side (null = the peer is neither configured nor reported). */
  viewOfPeer: meshViewSchema.nullable(),
  seesPeer: z.boolean(),
});
export type MeshSide = z.infer<typeof meshSideSchema>;

export const configDiffSchema = z.object({
  key: z.string(),
  a: z.string().optional(),
  b: z.string().optional(),
  agree: z.boolean(),
});
export type ConfigDiff = z.infer<typeof configDiffSchema>;

export const meshComparisonSchema = z.object({
  a: meshSideSchema,
  b: meshSideSchema,
  verdict: z.object({ status: clusterStatusSchema, message: z.string(), problems: z.array(z.string()) }),
  versions: z.object({
    a: z.string().optional(),
    b: z.string().optional(),
    skewMinor: z.number().int().optional(),
  }),
  config: z.array(configDiffSchema),
  clusterIdUnique: z.boolean(),
  clusterIdClashWith: z.array(z.string()),
  history: z.array(
    z.object({
      sweepId: z.string(),
      at: z.string(),
      status: clusterStatusSchema,
      aSeesB: z.boolean(),
      bSeesA: z.boolean(),
    }),
  ),
});
export type MeshComparison = z.infer<typeof meshComparisonSchema>;

export const weeklyReportSchema = z.object({
  week: z.string(),
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  sweeps: z.number().int(),
  clusters: z.number().int(),
  /** Share of passing cluster-checks (pass / (pass+warn+fail+error)) in the week, 0..1; null without data. */
  fleetScore: z.number().nullable(),
  previousScore: z.number().nullable(),
  scoreChange: z.number().nullable(),
  openRegressions: z.array(regressionSchema),
  recoveries: z.array(recoverySchema),
  flapping: z.array(flapSchema),
  worstClusters: z.array(
    z.object({
      cluster: z.string(),
      score: z.number(),
      fail: z.number().int(),
      error: z.number().int(),
      warn: z.number().int(),
    }),
  ),
  degradedMeshPairs: z.array(
    z.object({
      a: z.string(),
      b: z.string(),
      degradedSweeps: z.number().int(),
      sweeps: z.number().int(),
      lastStatus: statusSchema,
      lastMessage: z.string(),
    }),
  ),
  layers: z.array(
    z.object({
      layer: layerSchema,
      pass: z.number().int(),
      warn: z.number().int(),
      fail: z.number().int(),
      error: z.number().int(),
      skip: z.number().int(),
    }),
  ),
});
export type WeeklyReport = z.infer<typeof weeklyReportSchema>;
