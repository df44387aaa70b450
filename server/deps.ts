import { OpenAPIHono } from '@hono/zod-openapi';
import type { Store } from '../db/store.ts';
import { validationHook } from './errors.ts';
import type { Sweeper } from './sweeper.ts';

/** What the service says about itself at `GET /api/v1/meta`. */
export interface ServiceMeta {
  simulated: boolean;
  version: string;
  startedAt: string;
}

/** Everything a route needs, injected once by createApp. */
export interface ApiDeps {
  store: Store;
  sweeper?: Sweeper | undefined;
  now: () => Date;
  meta: ServiceMeta;
}

/** A sub-app whose failed validations become 400s naming the parameter. */
export function subApp(): OpenAPIHono {
  return new OpenAPIHono({ defaultHook: validationHook });
}
