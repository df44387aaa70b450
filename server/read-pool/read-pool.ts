import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FleetcheckError } from '../../core/errors.ts';
import type { History } from '../../core/history/history.ts';
import { isLibsqlUrl } from '../../db/client.ts';
import { fromJsonText } from './json-text.ts';
import { POOLED_READS, type PooledRead, type ReadCall, type ReadReply } from './read-pool-protocol.ts';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  call: ReadCall;
}

class ReadWorker {
  readonly pending = new Map<number, Pending>();
  private readonly worker: Worker;
  readonly ready: Promise<void>;

  constructor(url: string, intervalMs: number | undefined, onReadOnly: (p: Pending) => void) {
    this.worker = new Worker(new URL('./read-worker.mjs', import.meta.url), {
      workerData: { url, ...(intervalMs !== undefined ? { intervalMs } : {}) },
    });
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.once('message', () => resolve());
    });
    this.worker.on('message', (m: ReadReply | { ready: true }) => {
      if ('ready' in m) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ('json' in m) return p.resolve(fromJsonText(m.json));
      if (m.error.readOnly) return onReadOnly(p);
      p.reject(
        m.error.code
          ? new FleetcheckError(m.error.code, m.error.message, m.error.context ?? {})
          : new Error(m.error.message),
      );
    });
    this.worker.on('error', (err) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  send(p: Pending): void {
    this.pending.set(p.call.id, p);
    this.worker.postMessage(p.call);
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Default pool size: a reader per core but one, which the event loop keeps for HTTP (1 to 4). On 2 cores, two
 * readers made the event loop wait for a core behind them: the cold API's p95 was higher with 2 than with 1.
 */
const defaultReaders = () => Math.max(1, Math.min(4, availableParallelism() - 1));

/**
 * The store with its reads run by worker threads, each holding its own read-only better-sqlite3 connection
 * (WAL: readers never block the writer nor each other), so a slow query never stalls the event loop that
 * serves HTTP. Writes stay on `store`. A read that needs to write (a rollup refresh after new sweeps) is
 * retried on `store`. libSQL URLs and in-memory databases get `store` back unchanged.
 * @example const store = await withReadPool(await openStore(path), path);
 */
export async function withReadPool(
  store: History,
  url: string,
  opts: { readers?: number; intervalMs?: number } = {},
): Promise<History> {
  if (isLibsqlUrl(url) || url === ':memory:' || url === '') return store;
  const path = url.replace(/^file:/i, '');
  let nextId = 0;
  const onReadOnly = (p: Pending) => {
    const fn = store[p.call.method] as (...args: unknown[]) => Promise<unknown>;
    fn(...p.call.args).then(p.resolve, p.reject);
  };
  const workers = Array.from(
    { length: opts.readers ?? defaultReaders() },
    () => new ReadWorker(path, opts.intervalMs, onReadOnly),
  );
  await Promise.all(workers.map((w) => w.ready));
  const dispatch = (method: PooledRead, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const w = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      w.send({ resolve, reject, call: { id: nextId++, method, args } });
    });
  const reads = Object.fromEntries(
    POOLED_READS.map((m) => [m, (...args: unknown[]) => dispatch(m, args)]),
  ) as Pick<History, PooledRead>;
  return {
    ...store,
    ...reads,
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
      await store.close();
    },
  };
}
