import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { sleep } from '../time/timers.ts';

/** One message to send; `body(attempt)` is rendered again (attempt + 1) when the entry is re-sent. */
export interface DispatchEntry {
  /** Caller's key for the entry (e.g. the cluster name); returned in `failed`. */
  key: string;
  body: (attempt: number) => string;
}

export interface DispatchResult {
  sent: number;
  failed: { key: string; code: string; message: string }[];
  /** SendMessageBatch calls made (chunks of at most 10, including retries). */
  calls: number;
}

export interface DispatchOptions {
  /** Rounds of re-sending the entries SQS reported as failed (default 3). */
  retries?: number;
  /** Base backoff between rounds; doubles each round (default 200 ms). */
  retryDelayMs?: number;
  signal?: AbortSignal;
}

const CHUNK = 10;

/** An SQS client for the Lambda's region; `endpoint` is for tests and local fakes. */
export function createSqsClient(opts: { region?: string; endpoint?: string } = {}): SQSClient {
  return new SQSClient({ region: opts.region, endpoint: opts.endpoint });
}

/**
 * Sends every entry with SendMessageBatch in chunks of 10, re-sending entries SQS rejected (or whose whole
 * call threw) up to `retries` times; entries SQS blames on the sender are not re-sent. Never throws for
 * rejected entries: they come back in `failed`.
 * @example await dispatchMessages(sqs, queueUrl, clusters.map((c) => ({ key: c, body: (a) => JSON.stringify({ c, a }) })))
 */
export async function dispatchMessages(
  client: SQSClient,
  queueUrl: string,
  entries: DispatchEntry[],
  opts: DispatchOptions = {},
): Promise<DispatchResult> {
  const retries = opts.retries ?? 3;
  const delay = opts.retryDelayMs ?? 200;
  let pending = entries.map((entry) => ({ entry, attempt: 1 }));
  const rejected: DispatchResult['failed'] = [];
  let failed: DispatchResult['failed'] = [];
  let sent = 0;
  let calls = 0;
  for (let round = 0; pending.length > 0 && round <= retries; round++) {
    if (round > 0 && delay > 0) await pause(delay * 2 ** (round - 1), opts.signal);
    const retry: typeof pending = [];
    failed = [];
    for (let i = 0; i < pending.length; i += CHUNK) {
      const chunk = pending.slice(i, i + CHUNK);
      calls++;
      const outcome = await sendChunk(client, queueUrl, chunk, opts.signal);
      sent += outcome.sent;
      for (const f of outcome.failed) {
        const item = chunk[f.index];
        if (!item) continue;
        const failure = { key: item.entry.key, code: f.code, message: f.message };
        if (f.senderFault) rejected.push(failure);
        else {
          failed.push(failure);
          retry.push({ entry: item.entry, attempt: item.attempt + 1 });
        }
      }
    }
    pending = retry;
  }
  return { sent, failed: [...rejected, ...failed], calls };
}

interface ChunkFailure {
  index: number;
  code: string;
  message: string;
  senderFault: boolean;
}

async function sendChunk(
  client: SQSClient,
  queueUrl: string,
  chunk: { entry: DispatchEntry; attempt: number }[],
  signal?: AbortSignal,
): Promise<{ sent: number; failed: ChunkFailure[] }> {
  const command = new SendMessageBatchCommand({
    QueueUrl: queueUrl,
    Entries: chunk.map((c, index) => ({ Id: `m${index}`, MessageBody: c.entry.body(c.attempt) })),
  });
  try {
    const out = await client.send(command, { abortSignal: signal });
    const failed = (out.Failed ?? []).map((f) => ({
      index: Number(f.Id?.slice(1)),
      code: f.Code ?? 'unknown',
      message: f.Message ?? 'rejected by SQS',
      senderFault: f.SenderFault === true,
    }));
    return { sent: out.Successful?.length ?? 0, failed };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const code = err instanceof Error ? err.name : 'unknown';
    return { sent: 0, failed: chunk.map((_, index) => ({ index, code, message, senderFault: false })) };
  }
}

/** Waits `ms`, or less when `signal` aborts (the caller checks the signal). */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return sleep(ms, signal).catch(() => undefined);
}
