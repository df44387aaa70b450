import { parentPort, workerData } from 'node:worker_threads';
import { runClusterChecks } from '../../core/checks/run.ts';
import { loadFleet } from '../../core/fleet/index.ts';
import type { ClusterTarget } from '../../core/fleet/target.ts';
import { sweepClusters } from '../../core/sweep/index.ts';
import {
  type SweepThreadCall,
  type SweepThreadData,
  type SweepThreadMessage,
  toWire,
} from './sweep-thread-protocol.ts';

const port = parentPort;
if (!port) throw new Error('sweep-thread-main runs only as a worker thread');
const send = (m: SweepThreadMessage) => port.postMessage(m);
const running = new Map<string, AbortController>();

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
      onProgress: (p) =>
        send({
          id,
          progress: {
            done: p.done,
            total: p.total,
            cluster: { name: p.cluster.name, status: p.cluster.status },
          },
        }),
    });
    send({ id, runs });
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
  send({ ready: true, clusters: targets.length });
}

await loadFleet({ ...(workerData as SweepThreadData), onNote: (note) => send({ note }) }).then(
  listen,
  (err) => send({ failed: toWire(err) }),
);
