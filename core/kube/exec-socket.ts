import type { ClientRequest, IncomingMessage } from 'node:http';
import type { RequestOptions } from 'node:https';
import WebSocket from 'ws';
import { EXEC_PROTOCOLS, ExecChannels } from './exec-channels.ts';
import { type KubeStatus, kubeStatusSchema } from './exec-status.ts';

/** Bytes read of a refused upgrade's body (a Status is well below it). */
const MAX_REFUSAL_BODY = 64 * 1024;

/** How one exec connection ended. */
export type ExecEnd =
  /** The server's channel-3 Status (raw JSON). */
  | { kind: 'status'; status: unknown }
  /** The connection closed before any Status came. */
  | { kind: 'closed'; code: number }
  /** The upgrade was answered with an HTTP status instead of 101 (its body read as a Kubernetes Status). */
  | { kind: 'refused'; httpStatus: number; retryAfter?: string; status?: KubeStatus }
  /** Network or protocol failure, or the signal fired. */
  | { kind: 'error'; err: unknown };

export interface ExecAttempt {
  end: ExecEnd;
  channels: ExecChannels;
  /** True once the 101 answer came (the command may have run). */
  opened: boolean;
}

function readRefusal(res: IncomingMessage, done: (end: ExecEnd) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const finish = () => {
    const retry = res.headers['retry-after'];
    let status: KubeStatus | undefined;
    try {
      const parsed = kubeStatusSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (parsed.success) status = parsed.data;
    } catch {
      status = undefined;
    }
    done({
      kind: 'refused',
      httpStatus: res.statusCode ?? 0,
      ...(retry ? { retryAfter: retry } : {}),
      ...(status ? { status } : {}),
    });
  };
  res.on('data', (c: Buffer) => {
    if (size < MAX_REFUSAL_BODY) chunks.push(c);
    size += c.length;
    if (size >= MAX_REFUSAL_BODY) finish();
  });
  res.on('end', finish);
  res.on('error', finish);
}

/**
 * One exec connection: offers v5 then v4 of the channel protocol (as `EXEC_PROTOCOLS`), collects stdout and
 * stderr up to `cap` bytes each, and resolves at the Status, at close, on a refused upgrade, on error or when
 * `signal` fires; `onOpened` is called once the upgrade is done (or the attempt over). It never rejects, and the
 * socket is always destroyed when it resolves (as client-go closes its connection once the Status is read).
 */
export function execOnce(
  url: URL,
  options: RequestOptions,
  cap: number,
  signal: AbortSignal,
  onOpened: () => void = () => {},
): Promise<ExecAttempt> {
  const channels = new ExecChannels(cap);
  let opened = false;
  return new Promise((resolve) => {
    let ws: WebSocket | undefined;
    let done = false;
    const finish = (end: ExecEnd) => {
      if (done) return;
      done = true;
      onOpened();
      signal.removeEventListener('abort', onAbort);
      ws?.terminate();
      resolve({ end, channels, opened });
    };
    const onAbort = () => finish({ kind: 'error', err: signal.reason ?? new Error('aborted') });
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      ws = new WebSocket(url, [...EXEC_PROTOCOLS], {
        ...options,
        perMessageDeflate: false,
        followRedirects: false,
        maxPayload: Math.max(cap, 1024 * 1024) + 64 * 1024,
      });
    } catch (err) {
      return finish({ kind: 'error', err });
    }
    ws.on('unexpected-response', (_req: ClientRequest, res: IncomingMessage) => readRefusal(res, finish));
    ws.on('open', () => {
      opened = true;
      onOpened();
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const ev = channels.receive(data, isBinary);
      if (ev.kind === 'status') finish({ kind: 'status', status: ev.value });
      else if (ev.kind === 'protocol-error')
        finish({ kind: 'error', err: new ExecProtocolError(ev.message) });
    });
    ws.on('error', (err) => finish({ kind: 'error', err }));
    ws.on('close', (code) => finish({ kind: 'closed', code }));
  });
}

/** The server broke the channel protocol (text frame, oversized Status, unknown subprotocol). */
export class ExecProtocolError extends Error {
  override name = 'ExecProtocolError';
}
