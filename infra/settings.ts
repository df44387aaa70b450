import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { config } from '../core/config.ts';
import { fleetAccess } from '../core/serverless/fleet-roles.ts';

/**
 * Deploy-time settings: the fleet file named by FLEETCHECK_FLEET (copied into the planner's bundle, and the
 * source of the spoke roles the hub may assume) and the stage-dependent sizes.
 */
const fleetFile = config().FLEETCHECK_FLEET;
if (!fleetFile) {
  throw new Error(
    'FLEETCHECK_FLEET must name the fleet file to deploy, e.g. `FLEETCHECK_FLEET=fleet.yaml npx sst deploy --stage prod`',
  );
}

export const fleet = { file: fleetFile, ...fleetAccess(readFileSync(fleetFile, 'utf8'), fleetFile) };

export const isProduction = $app.stage === 'prod' || $app.stage === 'production';

/** Where the fleet file lands inside the planner's bundle (cwd = /var/task). */
export const BUNDLED_FLEET_FILE = 'fleet.yaml';

/** Per-cluster check deadline (DESIGN §6); the worker's timeout leaves room for connect + store writes. */
export const CLUSTER_DEADLINE_SECONDS = 90;
export const WORKER_TIMEOUT = '2 minutes';
/** AWS asks for ≥ 6 × the consumer's timeout on an SQS event source, so throttled batches are not retried early. */
export const QUEUE_VISIBILITY_TIMEOUT = '12 minutes';
/** Receives before a message goes to the dead-letter queue. */
export const MAX_RECEIVES = 3;
/** Clusters checked in parallel fleet-wide = reserved concurrency × batch size. */
export const WORKER_RESERVED_CONCURRENCY = isProduction ? 32 : 4;
export const WORKER_BATCH_SIZE = 4;

/**
 * SST bundles a handler `a/b/c.handler` to `a/b/c.mjs` in the function's bundle, so modules that find files
 * relative to `import.meta.url` look beside the handler. Copies `from` to `<handler dir>/<to>`.
 * @example besideHandler('functions/api/index.handler', 'db/migrations', 'migrations') // { from: 'db/migrations', to: 'functions/api/migrations' }
 */
export function besideHandler(handler: string, from: string, to: string): { from: string; to: string } {
  return { from, to: posix.normalize(posix.join(posix.dirname(handler), to)) };
}

/** db/client.ts reads its migrations from `migrations/` beside the running module. */
export function migrationsBeside(handler: string): { from: string; to: string } {
  return besideHandler(handler, 'db/migrations', 'migrations');
}

/** Native drivers esbuild cannot bundle; installed into each function's bundle instead. */
export const NODEJS = { install: ['better-sqlite3', '@libsql/client'] };
