import { Worker } from 'node:worker_threads';
import type { SweepRuns } from '../../core/history/finish.ts';
import {
  fromWire,
  type RunProgress,
  type SweepThreadCall,
  type SweepThreadData,
  type SweepThreadMessage,
} from './sweep-thread-protocol.ts';

/** One sweep's cluster runs, wherever they run: `signal` aborts it; unfinished clusters are left out. */
export type ClusterRunner = (req: {
  id: string;
  signal: AbortSignal;
  sweepIndex: number;
  onProgress?: (p: RunProgress) => void;
}) => Promise<SweepRuns>;

export interface SweepThread {
  /** Clusters in the fleet the thread loaded. */
  clusters: number;
  runClusters: ClusterRunner;
  /** Ends the thread (after the caller has stopped its sweeps). */
  close(): Promise<void>;
}

interface Pending {
  resolve: (runs: SweepRuns) => void;
  reject: (err: Error) => void;
  onProgress?: ((p: RunProgress) => void) | undefined;
}

/**
 * Loads the fleet in a worker thread and runs every sweep's clusters there (core/sweep: TLS, API reads, exec
 * sessions, probe Jobs), so that work never holds up the API on serve's event loop; the runs come back to be
 * finished and stored by the caller. Fleet notes go to `onNote`; a fleet that cannot be loaded rejects with its error.
 * @example const t = await startSweepThread({ kubeconfig }, log); const runs = await t.runClusters({ id, signal, sweepIndex: 0 });
 */
export async function startSweepThread(
  fleet: SweepThreadData,
  onNote: (note: string) => void = () => {},
): Promise<SweepThread> {
  const worker = new Worker(new URL('./sweep-thread.mjs', import.meta.url), { workerData: fleet });
  worker.unref();
  const pending = new Map<string, Pending>();
  const send = (call: SweepThreadCall) => worker.postMessage(call);
  const clusters = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: SweepThreadMessage) => {
      if ('note' in m) return onNote(m.note);
      if ('ready' in m) return resolve(m.clusters);
      if ('failed' in m) return reject(fromWire(m.failed));
      const p = pending.get(m.id);
      if (!p) return;
      if ('progress' in m) return p.onProgress?.(m.progress);
      pending.delete(m.id);
      if ('runs' in m) p.resolve(m.runs);
      else p.reject(fromWire(m.error));
    });
  }).catch(async (err: unknown) => {
    await worker.terminate();
    throw err;
  });
  worker.on('error', (err) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  });
  return {
    clusters,
    runClusters: ({ id, signal, sweepIndex, onProgress }) =>
      new Promise<SweepRuns>((resolve, reject) => {
        const reason = () => (signal.reason instanceof Error ? signal.reason.message : String(signal.reason));
        const abort = () => send({ op: 'abort', id, reason: reason() });
        const settle =
          <T>(fn: (v: T) => void) =>
          (v: T) => {
            signal.removeEventListener('abort', abort);
            fn(v);
          };
        pending.set(id, { resolve: settle(resolve), reject: settle(reject), onProgress });
        send({ op: 'run', id, sweepIndex });
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}

/**
 * A ClusterRunner that starts a fresh sweep thread for each sweep (the fleet read again) and ends it afterwards, so
 * whatever a sweep allocated leaves with its thread instead of staying in a long-lived heap between sweeps.
 * @example storedSweep({ store, runClusters: threadPerSweep({ kubeconfig }, log) })
 */
export function threadPerSweep(fleet: SweepThreadData, onNote?: (note: string) => void): ClusterRunner {
  return async (req) => {
    const thread = await startSweepThread(fleet, onNote);
    try {
      return await thread.runClusters(req);
    } finally {
      await thread.close();
    }
  };
}
