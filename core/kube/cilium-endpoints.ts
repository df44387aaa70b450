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

/** Parses one item of a CiliumEndpointList; undefined when it does not look like an endpoint. */
export function parseCiliumEndpoint(item: unknown): CiliumEndpointInfo | undefined {
  const p = cepSchema.safeParse(item);
  if (!p.success) return undefined;
  const s = p.data.status;
  return {
    name: p.data.metadata.name,
    namespace: p.data.metadata.namespace,
    ...(s?.state ? { state: s.state } : {}),
    ...(s?.identity?.id !== undefined ? { identityId: s.identity.id } : {}),
    ...(s?.networking?.node ? { nodeIP: s.networking.node } : {}),
  };
}

const listSchema = z.object({
  items: z.array(z.unknown()).nullable().default([]),
  metadata: z
    .object({ continue: z.string().optional(), remainingItemCount: z.number().optional() })
    .partial()
    .default({}),
});

/** One page of a `<Kind>List`: its items and the continue token (empty on the last page). */
export interface ListPage {
  items: unknown[];
  continueToken: string;
}

/** Reads a `<Kind>List` answer; a body that is not a list is `bad-response` naming the resource. */
export function parseListPage(body: unknown, resource: string): ListPage {
  const list = listSchema.safeParse(body);
  if (!list.success)
    throw new FleetcheckError('bad-response', `${resource}: the answer is not a list`, {
      issue: list.error.issues[0]?.message,
    });
  return { items: list.data.items ?? [], continueToken: list.data.metadata.continue ?? '' };
}
