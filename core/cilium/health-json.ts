import { z } from 'zod';
import { parseJsonWith } from './json-input.ts';
import type { ParseResult } from './parse-result.ts';

const connectivitySchema = z.object({
  /** Round-trip time in nanoseconds (omitted when 0). */
  latency: z.number().default(0),
  /** Empty or absent = reachable; otherwise the probe error. */
  status: z.string().default(''),
  lastProbed: z.string().optional(),
});
export type Connectivity = z.infer<typeof connectivitySchema>;

const pathSchema = z.object({
  ip: z.string().default(''),
  icmp: connectivitySchema.optional(),
  http: connectivitySchema.optional(),
});
export type PathStatus = z.infer<typeof pathSchema>;

const addressesSchema = z.object({
  'primary-address': pathSchema.optional(),
  'secondary-addresses': z.array(pathSchema).default([]),
});

const nodeSchema = z.object({
  name: z.string().default(''),
  host: addressesSchema.optional(),
  'health-endpoint': addressesSchema.optional(),
  /** Deprecated single endpoint path (older versions). */
  endpoint: pathSchema.optional(),
});
export type HealthNode = z.infer<typeof nodeSchema>;

/** `cilium-health status -o json` (HealthStatusResponse, docs/cilium-formats.md); Go `null`s read as absent. */
export const healthStatusSchema = z.object({
  local: z.object({ name: z.string().default('') }).optional(),
  /** Nodes without a name (Go omits an empty one) cannot be attributed to any node and are left out. */
  nodes: z
    .array(nodeSchema)
    .default([])
    .transform((ns) => ns.filter((n) => n.name !== '')),
  /** Go duration string (`1m36.566274746s`), from Cilium 1.18; absent before. */
  probeInterval: z.union([z.string(), z.number()]).optional(),
  timestamp: z.string().optional(),
});
export type HealthStatus = z.infer<typeof healthStatusSchema>;

/**
 * Parses `cilium-health status -o json`.
 * @example parseHealthJson('{"nodes":[{"name":"c1/n1"}]}')
 */
export function parseHealthJson(raw: string): ParseResult<HealthStatus> {
  return parseJsonWith(healthStatusSchema, raw, 'cilium-health status');
}

/** Reachability of one probe: unknown when the probe result is absent. */
export function probeState(c: Connectivity | undefined): 'ok' | 'failed' | 'unknown' {
  if (!c) return 'unknown';
  return c.status.trim() === '' ? 'ok' : 'failed';
}

/** The health-endpoint primary path, falling back to the deprecated `endpoint` field. */
export function endpointPath(node: HealthNode): PathStatus | undefined {
  return node['health-endpoint']?.['primary-address'] ?? node.endpoint;
}

/** Strips the `<cluster>/` prefix cilium-health puts on node names. */
export function bareNodeName(name: string): string {
  const i = name.lastIndexOf('/');
  return i >= 0 ? name.slice(i + 1) : name;
}
