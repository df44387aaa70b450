import { OpenAPIHono } from '@hono/zod-openapi';
import type { History } from '../core/history/history.ts';
import { validationHook } from './errors.ts';
import type { Meta } from './routes/meta-schema.ts';
import type { Sweeper } from './sweeper.ts';

/** The service's own facts in `GET /api/v1/meta` (the rest of it comes from core and the backfill). */
export type ServiceMeta = Pick<Meta, 'simulated' | 'version' | 'startedAt'>;

/** Progress of a history backfill (the demo's), while it runs. */
export type BackfillProgress = NonNullable<Meta['backfill']>;

/** Everything a route needs, injected once by createApp. */
export interface ApiDeps {
  store: History;
  sweeper?: Sweeper | undefined;
  now: () => Date;
  meta: ServiceMeta;
  /** The running backfill's progress; undefined when none runs. */
  backfill?: (() => BackfillProgress | undefined) | undefined;
}

/** A sub-app whose failed validations become 400s naming the parameter. */
export function subApp(): OpenAPIHono {
  return new OpenAPIHono({ defaultHook: validationHook });
}
