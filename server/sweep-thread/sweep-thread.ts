import { Worker } from 'node:worker_threads';
import type { SweepReport } from '../../core/sweep/report.ts';
import { type ClusterProgress, failingProgress } from '../run-sweep.ts';
import type { RunSweep } from '../sweeper.ts';
import {
  fromWire,
  type SweepThreadCall,
  type SweepThreadData,
  type SweepThreadMessage,
} from './sweep-thread-protocol.ts';

/**
 * The sweep thread's young generation, in MB: V8's own size on Node 20 (two 16 MB semi-spaces and the large-object
 * space beside them). Node 22 and 24 size it from the machine (192 MB here: 64 MB semi-spaces), and a 200-cluster
 * sweep, which keeps hundreds of sockets and requests alive for a moment each, fills it: about 100 MB more at the
 * peak for the same work (BENCHMARKS.md, the Node 24 rows). A thread takes the bound at its start, which the CLI's
 * own process cannot (`--max-semi-space-size` is read once, when the process starts).
 */
export const SWEEP_YOUNG_GENERATION_MB = 48;

export interface SweepThread {
  /** Clusters in the fleet the thread loaded. */
  clusters: number;
  /** The bound on the thread's young generation, as the thread itself reports it. */
  youngGenerationMb: number | undefined;
  /** Sweeps the fleet and stores it; `signal` aborts it (an aborted sweep is not stored). */
  sweep(req: {
    id: string;
    signal: AbortSignal;
    sweepIndex: number;
    onProgress?: (p: ClusterProgress) => void;
  }): Promise<SweepReport>;
  /** Ends the thread (after its sweeps have ended). */
  close(): Promise<void>;
}

interface Pending {
  resolve: (report: SweepReport) => void;
  reject: (err: Error) => void;
  onProgress?: ((p: ClusterProgress) => void) | undefined;
}

/**
 * Loads the fleet in a worker thread that sweeps it (core/sweep: TLS, API reads, exec sessions, probe Jobs) and
 * writes each finished sweep to the store through its own connection, so neither ever holds up the API on
 * serve's event loop. Fleet notes go to `onNote`; a fleet that cannot be loaded rejects with its error.
 * @example const t = await startSweepThread({ fleet: { kubeconfig }, db: { url, intervalMs } }); await t.close();
 */
export async function startSweepThread(
  data: SweepThreadData,
  onNote: (note: string) => void = () => {},
): Promise<SweepThread> {
  const worker = new Worker(new URL('./sweep-thread.mjs', import.meta.url), {
    workerData: data,
    resourceLimits: { maxYoungGenerationSizeMb: SWEEP_YOUNG_GENERATION_MB },
  });
  worker.unref();
  const pending = new Map<string, Pending>();
  const send = (call: SweepThreadCall) => worker.postMessage(call);
  const ready = await new Promise<Extract<SweepThreadMessage, { ready: true }>>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: SweepThreadMessage) => {
      if ('note' in m) return onNote(m.note);
      if ('ready' in m) return resolve(m);
      if ('failed' in m) return reject(fromWire(m.failed));
      const p = pending.get(m.id);
      if (!p) return;
      if ('progress' in m) return p.onProgress?.(m.progress);
      pending.delete(m.id);
      if ('report' in m) p.resolve(m.report);
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
    clusters: ready.clusters,
    youngGenerationMb: ready.youngGenerationMb,
    sweep: ({ id, signal, sweepIndex, onProgress }) =>
      new Promise<SweepReport>((resolve, reject) => {
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

export interface ThreadedSweepOptions {
  data: SweepThreadData;
  log?: (line: string) => void;
  /** Told once a sweep is stored, before `onFinished` (serve: forget the cached answers). */
  onStored?: () => void;
  /** After the report is stored (core/notify/sweep-finished.ts: the regressions webhook). */
  onFinished?: (report: SweepReport) => Promise<void>;
}

/**
 * serve's sweep: a fresh sweep thread per sweep (the fleet read again) that sweeps and stores it, ended afterwards,
 * so whatever a sweep allocated leaves with its thread. An aborted sweep is not stored. Counts sweeps for
 * `businessEvery`.
 * @example createSweeper({ run: threadedSweep({ data: { fleet, db }, log, onStored: () => store.forget() }) })
 */
export function threadedSweep({ data, log, onStored, onFinished }: ThreadedSweepOptions): RunSweep {
  let sweepIndex = 0;
  return async ({ id, signal }) => {
    const thread = await startSweepThread(data);
    let report: SweepReport;
    try {
      report = await thread
        .sweep({ id, signal, sweepIndex: sweepIndex++, onProgress: failingProgress(log) })
        .catch((err: unknown) => {
          signal.throwIfAborted();
          throw err;
        });
    } finally {
      await thread.close();
    }
    onStored?.();
    await onFinished?.(report);
    return report;
  };
}
