import { z } from '@hono/zod-openapi';
import { layerSchema, statusSchema } from '../../core/outcome.ts';

/** The body of `GET /meta`: what the service says about itself. */
export const metaSchema = z
  .object({
    simulated: z.boolean().openapi({ description: 'true when the fleet is the built-in simulator (demo)' }),
    version: z.string(),
    startedAt: z.string(),
    backfill: z.object({ done: z.number().int(), total: z.number().int() }).optional().openapi({
      description: 'present while the service backfills history (the demo): sweeps stored so far',
    }),
    severity: z.array(statusSchema).openapi({
      description:
        'every status from least to most severe (skip, pass, warn, error, fail); listings show worst first',
    }),
    layers: z.array(layerSchema).openapi({ description: 'the check layers in report order' }),
  })
  .openapi('Meta');

export type Meta = z.infer<typeof metaSchema>;
