import { z } from 'zod';
import { parseJsonWith } from './json-input.ts';
import type { ParseResult } from './parse-result.ts';

const endpointSchema = z.object({
  id: z.number().int().default(0),
  status: z
    .object({
      state: z.string().default(''),
      identity: z
        .object({ id: z.number().int().default(0), labels: z.array(z.string()).default([]) })
        .optional(),
      'external-identifiers': z
        .object({ 'k8s-namespace': z.string().optional(), 'k8s-pod-name': z.string().optional() })
        .optional(),
      networking: z
        .object({
          addressing: z.array(z.object({ ipv4: z.string().optional(), ipv6: z.string().optional() })),
        })
        .partial()
        .optional(),
    })
    .prefault({}),
});
export type AgentEndpoint = z.infer<typeof endpointSchema>;

/** `cilium-dbg endpoint list -o json`: an array of Endpoint. */
const endpointListSchema = z
  .array(endpointSchema)
  .nullable()
  .transform((a) => a ?? []);

/**
 * Parses `cilium-dbg endpoint list -o json`.
 * @example parseEndpointListJson('[{"id":1,"status":{"state":"ready"}}]')
 */
export function parseEndpointListJson(raw: string): ParseResult<AgentEndpoint[]> {
  return parseJsonWith(endpointListSchema, raw, 'endpoint list');
}

/** Counts endpoints by state. */
export function countByState(states: Iterable<string | undefined>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of states) {
    const key = s && s !== '' ? s : 'unknown';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
