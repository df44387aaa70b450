import { parentPort, workerData } from 'node:worker_threads';
import { FleetcheckError } from '../../core/errors.ts';
import { createHistory } from '../../core/history/service.ts';
import { historySettings } from '../../core/history/settings.ts';
import { openStore } from '../../db/store.ts';
import type { ReadCall, ReadReply, ReadWorkerData } from './read-pool-protocol.ts';

/** True when the error (or one it wraps) is SQLite refusing a write on the read-only connection. */
function isReadOnly(err: unknown): boolean {
  for (let e = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++)
    if ((e as { code?: unknown }).code === 'SQLITE_READONLY') return true;
  return false;
}

const data = workerData as ReadWorkerData;
const rows = await openStore(data.url, { migrate: false, readOnly: true });
const store = createHistory(
  rows,
  historySettings(data.intervalMs !== undefined ? { intervalMs: data.intervalMs } : {}),
);
const port = parentPort;
if (!port) throw new Error('read-worker-main runs only as a worker thread');

port.on('message', async (call: ReadCall) => {
  let reply: ReadReply;
  try {
    const fn = store[call.method] as (...args: unknown[]) => Promise<unknown>;
    reply = { id: call.id, json: JSON.stringify((await fn(...call.args)) ?? null) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    reply = {
      id: call.id,
      error: {
        message: e.message,
        ...(err instanceof FleetcheckError ? { code: err.code, context: err.context } : {}),
        ...(isReadOnly(err) ? { readOnly: true } : {}),
      },
    };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
