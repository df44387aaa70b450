import { z } from 'zod';
import { goTime } from './go-json-values.ts';
import { parseJsonWith } from './json-input.ts';
import type { ParseResult } from './parse-result.ts';

/** Cilium's 4-valued component state (`models.Status.state`). */
const componentStateSchema = z.enum(['Ok', 'Warning', 'Failure', 'Disabled']);

const componentSchema = z.object({
  /** `omitempty`: an empty state is the same as none. */
  state: z
    .union([componentStateSchema, z.literal('')])
    .optional()
    .transform((s) => (s === '' ? undefined : s)),
  msg: z.string().default(''),
});

/** A controller as far as it is read (agents report 100+; the other fields are not parsed). */
const controllerSchema = z.object({
  name: z.string().default(''),
  status: z
    .object({
      'consecutive-failure-count': z.number().int().default(0),
      'last-failure-msg': z.string().default(''),
    })
    .prefault({}),
});
export type ControllerStatus = z.infer<typeof controllerSchema>;

const remoteClusterSchema = z.object({
  name: z.string().default(''),
  ready: z.boolean().default(false),
  connected: z.boolean().default(false),
  status: z.string().default(''),
  'num-nodes': z.number().int().default(0),
  'num-endpoints': z.number().int().default(0),
  'num-identities': z.number().int().default(0),
  'num-shared-services': z.number().int().default(0),
  'num-failures': z.number().int().default(0),
  /** Absent when the peer never failed (Go prints the zero time then). */
  'last-failure': goTime,
  config: z
    .object({
      'cluster-id': z.number().int().optional(),
      required: z.boolean().default(false),
      retrieved: z.boolean().default(false),
      kvstoremesh: z.boolean().default(false),
    })
    .optional(),
  synced: z
    .object({
      nodes: z.boolean().default(false),
      endpoints: z.boolean().default(false),
      identities: z.boolean().default(false),
      services: z.boolean().default(false),
    })
    .optional(),
});

/**
 * `cilium-dbg status -o json` (StatusResponse, docs/cilium-formats.md): unknown keys ignored, omitted or `null`
 * false/zero/nil values defaulted.
 */
export const statusResponseSchema = z.object({
  cilium: componentSchema.optional(),
  kvstore: componentSchema.optional(),
  kubernetes: componentSchema.extend({ 'k8s-api-versions': z.array(z.string()).default([]) }).optional(),
  cluster: z
    .object({
      ciliumHealth: componentSchema.optional(),
      self: z.string().optional(),
    })
    .optional(),
  'cluster-mesh': z
    .object({
      /** Remote clusters without a name cannot be matched to any peer and are left out. */
      clusters: z
        .array(remoteClusterSchema)
        .default([])
        .transform((cs) => cs.filter((c) => c.name !== '')),
      'num-global-services': z.number().int().optional(),
    })
    .optional(),
  controllers: z.array(controllerSchema).default([]),
  hubble: componentSchema
    .extend({
      observer: z
        .object({
          'current-flows': z.number().default(0),
          'max-flows': z.number().default(0),
          'seen-flows': z.number().default(0),
          uptime: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  ipam: z.object({ status: z.string().default('') }).optional(),
  encryption: z.object({ mode: z.string().optional(), msg: z.string().optional() }).optional(),
  'kube-proxy-replacement': z.object({ mode: z.string().optional() }).optional(),
});
export type StatusResponse = z.infer<typeof statusResponseSchema>;

/**
 * Parses `cilium-dbg status -o json`.
 * @example parseStatusJson('{"cilium":{"state":"Ok","msg":"1.16.5 (v1.16.5-ad688277)"}}')
 */
export function parseStatusJson(raw: string): ParseResult<StatusResponse> {
  return parseJsonWith(statusResponseSchema, raw, 'cilium status');
}

/** The agent's own version from `cilium.msg` (e.g. `1.16.5 (v1.16.5-ad688277)` → `1.16.5`). */
export function agentVersionFromStatus(status: StatusResponse): string | undefined {
  return /(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)/.exec(status.cilium?.msg ?? '')?.[1];
}

/** Controllers whose last run failed (consecutive failures > 0). */
export function failingControllers(status: StatusResponse): ControllerStatus[] {
  return status.controllers.filter((c) => c.status['consecutive-failure-count'] > 0);
}
