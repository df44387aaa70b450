import type { z } from '@hono/zod-openapi';
import type { clusterHistoryRoute, clusterRoute } from '../../routes/clusters.ts';
import type { fleetRoute } from '../../routes/fleet.ts';
import type { meshCompareRoute, meshPairsRoute } from '../../routes/mesh.ts';
import type { metaRoute } from '../../routes/meta.ts';
import type { flappingRoute, regressionsRoute } from '../../routes/regressions.ts';
import type { weeklyReportRoute } from '../../routes/reports.ts';
import type { sweepListRoute, sweepStartRoute } from '../../routes/sweeps.ts';
import type { trendsRoute } from '../../routes/trends.ts';

/** The JSON body a route answers with `code`, inferred from the schema its OpenAPI definition declares. */
type Body<Route, Code extends number = 200> = Route extends {
  responses: Record<Code, { content: { 'application/json': { schema: infer S extends z.ZodType } } }>;
}
  ? z.output<S>
  : never;

export type Meta = Body<typeof metaRoute>;
export type FleetView = Body<typeof fleetRoute>;
export type ClusterDetail = Body<typeof clusterRoute>;
export type RunPage = Body<typeof clusterHistoryRoute>;
export type SweepPage = Body<typeof sweepListRoute>;
export type SweepStarted = Body<typeof sweepStartRoute, 202>;
export type RegressionReport = Body<typeof regressionsRoute>;
export type FlapList = Body<typeof flappingRoute>;
export type MeshPairList = Body<typeof meshPairsRoute>;
export type MeshComparison = Body<typeof meshCompareRoute>;
export type TrendList = Body<typeof trendsRoute>;
export type WeeklyReport = Body<typeof weeklyReportRoute>;
export type ApiError = Body<typeof fleetRoute, 500>;
export type Status = Meta['severity'][number];
export type Layer = Meta['layers'][number];
export type TrendQuery = z.input<(typeof trendsRoute)['request']['query']>;
