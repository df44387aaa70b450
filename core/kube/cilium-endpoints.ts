import { z } from 'zod';
import { FleetcheckError } from '../errors.ts';
import type { CiliumEndpointInfo } from './cluster-api.ts';

/** The fields of a CiliumEndpoint (cilium.io/v2) we read; unknown fields are ignored. */
const cepSchema = z.object({
  metadata: z.object({ name: z.string(), namespace: z.string().default('') }),
  status: z
    .object({
      state: z.string().optional(),
      identity: z.object({ id: z.number().optional() }).partial().optional(),
      networking: z.object({ node: z.string().optional() }).partial().optional(),
    })
    .partial()
    .optional(),
});

const cepListSchema = z.object({ items: z.array(z.unknown()).default([]) });

/** Parses a CiliumEndpointList; items that do not look like endpoints are skipped; a non-list is `bad-response`. */
export function parseCiliumEndpoints(body: unknown): CiliumEndpointInfo[] {
  const list = cepListSchema.safeParse(body);
  if (!list.success)
    throw new FleetcheckError('bad-response', 'ciliumendpoints: the answer is not a list', {
      issue: list.error.issues[0]?.message,
    });
  const out: CiliumEndpointInfo[] = [];
  for (const item of list.data.items) {
    const p = cepSchema.safeParse(item);
    if (!p.success) continue;
    const s = p.data.status;
    out.push({
      name: p.data.metadata.name,
      namespace: p.data.metadata.namespace,
      ...(s?.state ? { state: s.state } : {}),
      ...(s?.identity?.id !== undefined ? { identityId: s.identity.id } : {}),
      ...(s?.networking?.node ? { nodeIP: s.networking.node } : {}),
    });
  }
  return out;
}
