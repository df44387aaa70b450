import type { Agent } from 'node:http';
import { PassThrough } from 'node:stream';
import { Exec, type KubeConfig, type V1Status } from '@kubernetes/client-node';
// Not re-exported by the package index; its constructor takes our socket factory and streams.
import { WebSocketHandler } from '@kubernetes/client-node/dist/web-socket-handler.js';
import WebSocket from 'ws';
import { FleetcheckError } from '../errors.ts';
import { sleep } from '../time/timers.ts';
import type { CallRunner } from './call-runner.ts';
import { deadlineSignal } from './call-runner.ts';
import type { ExecOptions, ExecResult } from './cluster-api.ts';
import { exitFromStatus } from './exec-status.ts';
import {
  type CallDesc,
  errorFromStatus,
  mapKubeError,
  retryDelayMs,
  upgradeStatusOf,
} from './kube-errors.ts';
import { OutputCapture } from './output-capture.ts';

type Ended = { kind: 'status'; status: V1Status } | { kind: 'closed' } | { kind: 'error'; err: unknown };

/** Wraps `onmessage` so a protocol error thrown inside client-node's handler cannot crash the process. */
function guardMessages(ws: WebSocket, onError: (err: unknown) => void): void {
  let current: ((ev: WebSocket.MessageEvent) => void) | null = null;
  Object.defineProperty(ws, 'onmessage', {
    configurable: true,
    get: () => current,
    set(handler: (ev: WebSocket.MessageEvent) => void) {
      current = handler;
      ws.addEventListener('message', (ev) => {
        try {
          handler.call(ws, ev);
        } catch (err) {
          onError(err);
        }
      });
    },
  });
}

/** One WebSocket exec attempt; resolves on the Status, on close, or rejects on handshake failure. */
function attempt(
  kc: KubeConfig,
  a: {
    ns: string;
    pod: string;
    container: string;
    argv: string[];
    cap: number;
    signal: AbortSignal;
    agent?: Agent | undefined;
  },
): Promise<{ ended: Ended; out: OutputCapture; err: OutputCapture; opened: boolean }> {
  const out = new OutputCapture(a.cap);
  const err = new OutputCapture(a.cap);
  let ws: WebSocket | undefined;
  let opened = false;
  return new Promise((resolve) => {
    let done = false;
    const finish = (ended: Ended) => {
      if (done) return;
      done = true;
      a.signal.removeEventListener('abort', onAbort);
      // Let writes already handed to the captures land before reading them.
      setImmediate(() => resolve({ ended, out, err, opened }));
    };
    const onAbort = () => {
      ws?.terminate();
      finish({ kind: 'error', err: a.signal.reason ?? new Error('aborted') });
    };
    const factory = (uri: string, protocols: string[], opts: WebSocket.ClientOptions) => {
      // The cluster's shared agent carries the same TLS options and caches TLS sessions for resumption.
      ws = new WebSocket(uri, protocols, a.agent ? { ...opts, agent: a.agent } : opts);
      guardMessages(ws, (e) => {
        ws?.terminate();
        finish({
          kind: 'error',
          err: new FleetcheckError('bad-response', `exec protocol error: ${String(e)}`),
        });
      });
      ws.on('open', () => {
        opened = true;
      });
      ws.on('close', () => {
        if (opened) finish({ kind: 'closed' });
      });
      if (a.signal.aborted) ws.terminate();
      return ws;
    };
    const streams = { stdin: new PassThrough(), stdout: out, stderr: err };
    const exec = new Exec(kc, new WebSocketHandler(kc, factory, streams));
    if (a.signal.aborted) return onAbort();
    a.signal.addEventListener('abort', onAbort, { once: true });
    exec
      .exec(a.ns, a.pod, a.container, a.argv, out, err, null, false, (status) =>
        finish({ kind: 'status', status }),
      )
      .catch((e: unknown) => finish({ kind: 'error', err: e }));
  });
}

/**
 * Runs argv in a container over the WebSocket exec protocol with a wall-clock deadline and an output cap.
 * A rejected upgrade (403/404/429/5xx) becomes a typed error naming `get pods/exec` (the upgrade is a GET).
 */
export async function runExec(
  kc: KubeConfig,
  runner: CallRunner,
  ns: string,
  pod: string,
  container: string,
  argv: string[],
  opts: ExecOptions,
): Promise<ExecResult> {
  const started = performance.now();
  const deadlineMs = opts.deadlineMs || runner.limits.execDeadlineMs;
  const cap = opts.maxOutputBytes ?? runner.limits.maxOutputBytes;
  const signal = deadlineSignal(deadlineMs, opts.signal);
  const d: CallDesc = {
    cluster: runner.cluster,
    verb: 'get',
    resource: 'pods/exec',
    namespace: ns,
    name: pod,
  };
  for (let n = 0; ; n++) {
    try {
      await runner.limiter.acquire(signal);
    } catch {
      throw mapKubeError(Object.assign(new Error('aborted'), { name: 'AbortError' }), d, deadlineMs);
    }
    runner.stats.requests++;
    runner.stats.execSessions++;
    const r = await attempt(kc, { ns, pod, container, argv, cap, signal, agent: runner.agent });
    const durationMs = Math.round(performance.now() - started);
    const truncated = r.out.truncated || r.err.truncated;
    const base = { stdout: r.out.text(), stderr: r.err.text(), truncated, durationMs };
    if (r.ended.kind === 'status') return { ...base, ...exitFromStatus(r.ended.status) };
    if (r.ended.kind === 'closed') return { ...base, exitCode: null };
    if (signal.aborted)
      throw new FleetcheckError(
        'timeout',
        `exec ${argv.slice(0, 2).join(' ')} in ${ns}/${pod} (${container}) on ${runner.cluster} timed out after ${deadlineMs} ms`,
        {
          cluster: runner.cluster,
          namespace: ns,
          pod,
          container,
          deadlineMs,
          stdoutBytes: base.stdout.length,
        },
      );
    const status = upgradeStatusOf(r.ended.err);
    const retryable = status !== undefined && (status === 429 || status >= 500) && !r.opened;
    const maxRetries = status === 429 ? runner.limits.rateLimitRetries : runner.limits.retries;
    if (!retryable || n >= maxRetries) {
      if (status !== undefined) throw errorFromStatus(status, d);
      throw mapKubeError(r.ended.err, d, deadlineMs);
    }
    const wait = retryDelayMs(n, undefined, runner.limits.maxRetryAfterMs);
    if (performance.now() - started + wait >= deadlineMs) throw errorFromStatus(status, d);
    runner.stats.retries++;
    await sleep(wait);
  }
}
