import { rm } from 'node:fs/promises';
import { type CheckSettings, defaultCheckSettings } from '../../core/checks/check.ts';
import { newSweepId } from '../../core/sweep/index.ts';
import { loadScenario } from '../../sim/index.ts';
import { resolveClusters } from '../../sim/scenario/load.ts';
import type { Scenario } from '../../sim/scenario/schema.ts';
import { DEMO_SCENARIO } from '../../sim/scenarios-dir.ts';
import { cachedStore } from '../cached-store.ts';
import type { BackfillProgress } from '../deps.ts';
import { assertPortFree } from '../node-server.ts';
import { storedSweep } from '../run-sweep.ts';
import { openServedStore } from '../served-store.ts';
import { bindHost, startService } from '../service.ts';
import type { RunSweep } from '../sweeper.ts';
import { backfill } from './backfill.ts';
import { banner } from './banner.ts';
import { shiftedClock } from './shifted-clock.ts';
import { startSimThread } from './sim-thread.ts';
import { simulatorTargets } from './targets.ts';
import { BACKFILL_STEPS, demoFaults } from './timeline.ts';

export interface DemoOptions {
  port: number;
  host?: string | undefined;
  db: string;
  scenario?: string;
  apiToken?: string | undefined;
  /** Live sweep interval (default 60 s). */
  intervalMs?: number;
  /** Skip the seven-day backfill (tests). */
  backfill?: boolean;
  /** Sweep live on the interval after the backfill (default true; tests that only read turn it off). */
  live?: boolean;
  /** Hourly backfill sweeps (default 168 = seven days; tests use fewer). */
  backfillSteps?: number;
  log?: (line: string) => void;
}

/** Demo-speed latencies: the backfill must finish in well under a minute on two cores. */
function fastLatencies(s: Scenario): Scenario {
  const latency = { apiMs: 0, execMs: 2, jobStartSeconds: 0 };
  return { ...s, defaults: { ...s.defaults, latency }, clusters: s.clusters.map((c) => ({ ...c, latency })) };
}

/**
 * Demo-speed check settings: the simulator's transitional endpoints only change between sweeps, so the live
 * sweeps re-read them after 2 s instead of the 10 s a real agent gets (the first sweep's current data is ready
 * in seconds, not after the settle wait).
 */
const DEMO_CHECK_SETTINGS: CheckSettings = { ...defaultCheckSettings, endpointsSettleMs: 2_000 };

/**
 * `fleetcheck demo`: simulator + fresh demo DB + seven days of backfilled history + API/dashboard + live sweeps.
 * @example const demo = await runDemo({ port: 8080, db: './fleetcheck-demo.db' }); await demo.stop();
 */
export async function runDemo(opts: DemoOptions) {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const t0 = Date.now();
  const since = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  await assertPortFree({ host: bindHost(opts.host, opts.apiToken), port: opts.port });
  const scenario = fastLatencies(await loadScenario(opts.scenario ?? DEMO_SCENARIO));
  const clusters = resolveClusters(scenario);
  const clock = shiftedClock();
  const steps = opts.backfillSteps ?? BACKFILL_STEPS;
  const simStart = Date.now() - steps * 3_600_000;
  const sim = await startSimThread(scenario, simStart);
  await sim.setClock(null);
  const targets = simulatorTargets(sim, clusters);
  for (const f of ['', '-wal', '-shm']) await rm(`${opts.db}${f}`, { force: true });
  const intervalMs = opts.intervalMs ?? 60_000;
  const store = cachedStore(await openServedStore(opts.db, { intervalMs }));

  const abort = new AbortController();
  let liveStep = steps;
  let windowShiftSeconds: number | undefined;
  let progress: BackfillProgress | undefined;
  let backfillDone: Promise<unknown> = Promise.resolve();
  const live = storedSweep({
    store,
    targets: () => targets,
    sweep: { businessEvery: 1, clusterDeadlineMs: 30_000, settings: DEMO_CHECK_SETTINGS },
    log,
  });
  const liveNow: RunSweep = async (req) => {
    windowShiftSeconds ??= Math.round((Date.now() - simStart) / 1000);
    for (const [name, faults] of demoFaults(clusters, liveStep++, { windowShiftSeconds }))
      await sim.setFaults(name, faults);
    return live(req);
  };
  // Live sweeps wait for the backfill: it moves the simulator's clock into the past.
  const run: RunSweep = async (req) => {
    await backfillDone;
    return liveNow(req);
  };
  const svc = await startService({
    store,
    run,
    host: opts.host,
    port: opts.port,
    intervalMs,
    apiToken: opts.apiToken,
    simulated: true,
    schedule: false,
    backfill: () => progress,
    log,
  }).catch(async (err: unknown) => {
    await store.close();
    await sim.stop();
    throw err;
  });
  log(banner(svc.url, clusters.length, opts.db));

  const firstAt = new Date();
  const first = liveNow({
    id: newSweepId(firstAt),
    startedAt: firstAt,
    signal: abort.signal,
    trigger: 'startup',
  }).then(
    () => log(`first sweep stored after ${since()}: the dashboard has current data`),
    (err: unknown) => log(`first sweep failed: ${err instanceof Error ? err.message : String(err)}`),
  );
  backfillDone = first.then(async () => {
    if (opts.backfill === false || abort.signal.aborted) return;
    progress = { done: 0, total: steps };
    try {
      const n = await backfill({
        store,
        sim,
        clusters,
        targets,
        clock,
        signal: abort.signal,
        start: simStart,
        steps,
        onStep: (step, total) => {
          progress = { done: step, total };
          if (step % 24 === 0 || step === total) log(`backfill: ${step}/${total} hourly sweeps (${since()})`);
        },
      });
      log(
        `backfill done: ${n} sweeps over seven simulated days in ${since()}; now sweeping live every ${intervalMs / 1000} s`,
      );
    } catch (err) {
      log(`backfill stopped: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      progress = undefined;
    }
  });
  void backfillDone.then(() => {
    if (!abort.signal.aborted && opts.live !== false) svc.startSchedule();
  });

  return {
    url: svc.url,
    backfillDone,
    async stop() {
      abort.abort(new Error('shutting down'));
      await backfillDone;
      await svc.stop();
      await sim.stop();
    },
  };
}
