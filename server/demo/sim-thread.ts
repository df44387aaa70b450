import { Worker } from 'node:worker_threads';
import type { FaultInput, SimulatedCluster } from '../../sim/index.ts';
import type { Scenario } from '../../sim/scenario/schema.ts';
import type { SimThreadData, SimThreadMessage, SimThreadOp } from './sim-thread-protocol.ts';

/** The simulator as the demo (and `sweep`/`check --simulate`) drive it; it lives in its own thread. */
export interface DemoSim {
  clusters: SimulatedCluster[];
  caPem: string;
  setFaults(cluster: string, faults: FaultInput[]): Promise<void>;
  /** Moves the simulator's clock to `at` (it keeps ticking from there); null = real time. */
  setClock(at: number | null): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the scenario's simulator in a worker thread, so its fake API servers never share the API's event loop:
 * a busy machine slows both down, but the simulator's answers are not held up behind API requests (which would
 * look like cluster timeouts in the demo's own history). `sweep --simulate` starts it too, so the sweep's event loop
 * carries only fleetcheck's side of the traffic.
 * @example const sim = await startSimThread(scenario, Date.now() - 7 * 86_400_000); await sim.setClock(null);
 */
export async function startSimThread(scenario: Scenario, clockAt: number): Promise<DemoSim> {
  const data: SimThreadData = { scenario, clockAt };
  const worker = new Worker(new URL('./sim-thread.mjs', import.meta.url), { workerData: data });
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const ready = await new Promise<Extract<SimThreadMessage, { ready: true }>>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: SimThreadMessage) => {
      if ('ready' in m) return resolve(m);
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) p?.reject(new Error(m.error));
      else p?.resolve();
    });
  });
  worker.on('error', (err) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  });
  const call = (op: SimThreadOp) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...op, id });
    });
  let stopped: Promise<void> | undefined;
  return {
    clusters: ready.clusters,
    caPem: ready.caPem,
    setFaults: (cluster, faults) => call({ op: 'setFaults', cluster, faults }),
    setClock: (at) => call({ op: 'setClock', at }),
    stop() {
      stopped ??= call({ op: 'stop' }).then(async () => {
        await worker.terminate();
      });
      return stopped;
    },
  };
}
