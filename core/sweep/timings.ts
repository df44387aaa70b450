import { z } from 'zod';

/** What a span of a cluster's run waited on: connecting, one API read, an exec round, the probe Job, a check. */
const spanKindSchema = z.enum(['connect', 'api', 'exec', 'job', 'check']);
export type SpanKind = z.infer<typeof spanKindSchema>;

/** One timed piece of a cluster's run; `startMs` counts from the start of the cluster's run. */
const spanSchema = z.object({
  kind: spanKindSchema,
  name: z.string(),
  startMs: z.number(),
  durationMs: z.number(),
});
export type Span = z.infer<typeof spanSchema>;

/** Where one cluster's time went: every span, in start order (see docs/timings.md). */
export const clusterTimingsSchema = z.object({ spans: z.array(spanSchema) });
export type ClusterTimings = z.infer<typeof clusterTimingsSchema>;

/** When the last span ended (ms from the run's start); 0 without spans. */
export function spansEnd(spans: readonly Span[]): number {
  return spans.reduce((end, s) => Math.max(end, s.startMs + s.durationMs), 0);
}

/**
 * A check run's timings (counted from when the checks started) as the cluster's: a `connect` span first, every
 * other span shifted by the connect time.
 * @example afterConnect({ spans: [{ kind: 'api', name: 'list nodes', startMs: 0, durationMs: 20 }] }, 5).spans[1].startMs // 5
 */
export function afterConnect(timings: ClusterTimings, connectMs: number): ClusterTimings {
  return {
    spans: [
      { kind: 'connect', name: 'connect', startMs: 0, durationMs: connectMs },
      ...timings.spans.map((s) => ({ ...s, startMs: s.startMs + connectMs })),
    ],
  };
}
