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

export const fleet = {
  file: fleetFile,
  ...fleetAccess(readFileSync(fleetFile, 'utf8'), fleetFile, { serverless: true }),
};

const isProduction = $app.stage === 'prod' || $app.stage === 'production';

/** Where the fleet file lands inside the planner's bundle (cwd = /var/task). */
export const BUNDLED_FLEET_FILE = 'fleet.yaml';

/** Node 20 is deprecated on Lambda; SST 4.17's own default is nodejs24.x. */
export const RUNTIME = 'nodejs22.x';

/** The worker's timeout leaves room past the cluster deadline for connect + store writes. */
export const WORKER_TIMEOUT = '2 minutes';
/** AWS asks for ≥ 6 × the consumer's timeout on an SQS event source (12 min > 2 min × 6 − margin). */
export const QUEUE_VISIBILITY_TIMEOUT = '12 minutes';
/** Receives before a message goes to the dead-letter queue (≥ 5, so a throttled receive or two is harmless). */
export const MAX_RECEIVES = 5;
/**
 * The event source mapping's maximum concurrency (2–1000): clusters in parallel fleet-wide = this × batch.
 * Not reserved concurrency: an SQS trigger ignores it, and throttled batches burn receives into the DLQ.
 */
export const WORKER_MAX_CONCURRENCY = isProduction ? 16 : 2;
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

/** The libSQL client, installed into each bundle (its native parts are optional); never better-sqlite3. */
export const NODEJS = { install: ['@libsql/client'] };

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Private subnets + security groups for the functions that reach clusters (planner, worker, API), from
 * FLEETCHECK_VPC_SUBNETS / FLEETCHECK_VPC_SECURITY_GROUPS; none → the functions run outside a VPC.
 */
export function vpcSettings(): { privateSubnets: string[]; securityGroups: string[] } | undefined {
  const privateSubnets = list(config().FLEETCHECK_VPC_SUBNETS);
  const securityGroups = list(config().FLEETCHECK_VPC_SECURITY_GROUPS);
  if (privateSubnets.length === 0 && securityGroups.length === 0) return undefined;
  if (privateSubnets.length === 0 || securityGroups.length === 0)
    throw new Error(
      'FLEETCHECK_VPC_SUBNETS and FLEETCHECK_VPC_SECURITY_GROUPS go together: set both or neither',
    );
  return { privateSubnets, securityGroups };
}

/** Browser origins allowed to call the API (FLEETCHECK_CORS_ORIGINS); none → CORS off. */
export function corsOrigins(): string[] {
  return list(config().FLEETCHECK_CORS_ORIGINS);
}
