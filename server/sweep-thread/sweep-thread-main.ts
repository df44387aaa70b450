import { parentPort, resourceLimits, workerData } from 'node:worker_threads';
import { runClusterChecks } from '../../core/checks/run.ts';
import { loadFleet } from '../../core/fleet/index.ts';
import type { ClusterTarget } from '../../core/fleet/target.ts';
import { sweepClusters } from '../../core/sweep/index.ts';
import { openHistory } from '../open-history.ts';
import { finishStored } from '../run-sweep.ts';
import {
  type SweepThreadCall,
  type SweepThreadData,
  type SweepThreadMessage,
  toWire,
} from './sweep-thread-protocol.ts';

const port = parentPort;
if (!port) throw new Error('sweep-thread-main runs only as a worker thread');
const data = workerData as SweepThreadData;
const send = (m: SweepThreadMessage) => port.postMessage(m);
const running = new Map<string, AbortController>();

/** Sweeps the fleet and, unless aborted, stores the finished sweep through this thread's own connection. */
async function run(targets: ClusterTarget[], id: string, sweepIndex: number): Promise<void> {
  const abort = new AbortController();
  running.set(id, abort);
  try {
    const runs = await sweepClusters({
      runChecks: runClusterChecks,
      targets,
      id,
      signal: abort.signal,
      sweepIndex,
      onProgress: ({ done, total, cluster }) =>
        send({ id, progress: { done, total, cluster: { name: cluster.name, status: cluster.status } } }),
    });
    abort.signal.throwIfAborted();
    const store = await openHistory(data.db.url, { intervalMs: data.db.intervalMs, migrate: false });
    try {
      send({ id, report: await finishStored(store, runs) });
    } finally {
      await store.close();
    }
  } catch (err) {
    send({ id, error: toWire(err) });
  } finally {
    running.delete(id);
  }
}

function listen(targets: ClusterTarget[]): void {
  port?.on('message', (call: SweepThreadCall) => {
    if (call.op === 'abort') running.get(call.id)?.abort(new Error(call.reason));
    else void run(targets, call.id, call.sweepIndex);
  });
  send({ ready: true, clusters: targets.length, youngGenerationMb: resourceLimits.maxYoungGenerationSizeMb });
}

await loadFleet({ ...data.fleet, onNote: (note) => send({ note }) }).then(listen, (err) =>
  send({ failed: toWire(err) }),
);
