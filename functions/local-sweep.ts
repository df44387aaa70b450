import { pathToFileURL } from 'node:url';
import { runClusterChecks } from '../core/checks/run.ts';
import { config } from '../core/config.ts';
import { loadFleet } from '../core/fleet/index.ts';
import { connectQueued } from '../core/serverless/connect.ts';
import { runSweepInProcess } from '../core/serverless/local.ts';
import { closeLambdaStore, lambdaStore } from './store.ts';

/**
 * One serverless-shaped sweep on this machine: the Lambda planner and worker code paths, with the queue
 * replaced by an in-process JSON round trip. Fleet from FLEETCHECK_FLEET (else kubeconfig contexts),
 * store from FLEETCHECK_DB. Run: `npx tsx functions/local-sweep.ts`.
 */
export async function localSweep() {
  const env = config();
  const store = await lambdaStore({ migrate: true });
  return runSweepInProcess({
    loadTargets: () => loadFleet(env.FLEETCHECK_FLEET ? { fleetFile: env.FLEETCHECK_FLEET } : {}),
    store,
    connect: connectQueued,
    runChecks: runClusterChecks,
    intervalMs: env.FLEETCHECK_INTERVAL,
    trigger: 'local',
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  localSweep()
    .then(async ({ plan, report }) => {
      const status = report?.sweep.status ?? 'error';
      console.log(JSON.stringify({ sweepId: plan.sweepId, clusters: plan.clusters.length, status }));
      await closeLambdaStore();
      process.exitCode = status === 'pass' || status === 'warn' ? 0 : status === 'fail' ? 1 : 2;
    })
    .catch(async (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      await closeLambdaStore();
      process.exitCode = 2;
    });
}
