import { z } from 'zod';
import { outcomeSchema, statusSchema } from '../outcome.ts';
import { clusterTimingsSchema } from './timings.ts';

/** One measured node → node health path, from cilium-health on the `from` node. */
export const nodeLinkSchema = z.object({
  from: z.string(),
  to: z.string(),
  target: z.enum(['host', 'endpoint']),
  probe: z.enum(['icmp', 'http']),
  ok: z.boolean(),
  rttMs: z.number().optional(),
  error: z.string().optional(),
});
export type NodeLink = z.infer<typeof nodeLinkSchema>;

/** One cluster's view of one mesh peer: configured in the clustermesh secret and/or reported by agents. */
export const meshViewSchema = z.object({
  peer: z.string(),
  configured: z.boolean(),
  /** Agents sampled that report the peer at all / as ready. */
  agentsReporting: z.number().int(),
  agentsReady: z.number().int(),
  agentsSampled: z.number().int(),
  ready: z.boolean(),
  numNodes: z.number().int().optional(),
  numEndpoints: z.number().int().optional(),
  numFailures: z.number().int().optional(),
  lastFailure: z.string().optional(),
  message: z.string().optional(),
});
export type MeshView = z.infer<typeof meshViewSchema>;

export const clusterStatusSchema = statusSchema.exclude(['skip']);

const clusterReportSchema = z.object({
  name: z.string(),
  status: clusterStatusSchema,
  durationMs: z.number(),
  provider: z.string().optional(),
  region: z.string().optional(),
  account: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  ciliumVersion: z.string().optional(),
  clusterId: z.number().int().optional(),
  /** The cilium-config keys that matter for comparisons (routing-mode, ipam, ...). */
  config: z.record(z.string(), z.string()).optional(),
  /** Set when the cluster could not be evaluated at all (unreachable, 401...). */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  results: z.array(outcomeSchema),
  healthLinks: z.array(nodeLinkSchema).optional(),
  mesh: z.array(meshViewSchema).optional(),
  /** Where the run's time went: connect, API reads, exec rounds, the probe Job, each check. */
  timings: clusterTimingsSchema.optional(),
});
export type ClusterReport = z.infer<typeof clusterReportSchema>;

export const meshPairReportSchema = z.object({
  a: z.string(),
  b: z.string(),
  status: clusterStatusSchema,
  aSeesB: z.boolean(),
  bSeesA: z.boolean(),
  message: z.string(),
});
export type MeshPairReport = z.infer<typeof meshPairReportSchema>;

/** The `fleetcheck sweep --output json` document (issue 4); the API reuses it. */
export const sweepReportSchema = z.object({
  sweep: z.object({
    id: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    status: clusterStatusSchema,
  }),
  clusters: z.array(clusterReportSchema),
  meshPairs: z.array(meshPairReportSchema),
});
export type SweepReport = z.infer<typeof sweepReportSchema>;
