import { OpenAPIHono } from '@hono/zod-openapi';
import type { History } from '../core/history/history.ts';
import { validationHook } from './errors.ts';
import type { Sweeper } from './sweeper.ts';

/** What the service says about itself at `GET /api/v1/meta`. */
export interface ServiceMeta {
  simulated: boolean;
  version: string;
  startedAt: string;
}

/** Progress of a history backfill (the demo's), while it runs. */
export interface BackfillProgress {
  done: number;
  total: number;
}

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
