import type { SQSClient } from '@aws-sdk/client-sqs';
import { type DispatchOptions, dispatchMessages } from '../aws/sqs-dispatch.ts';
import type { SendMessages } from './plan.ts';

/**
 * The planner's `send` over SQS: one message per cluster, SendMessageBatch in chunks of 10, failed entries
 * re-sent with `attempt` counted up, keyed by cluster name.
 * @example planQueuedSweep({ ..., send: sqsSender(new SQSClient({}), Resource.CheckQueue.url) })
 */
export function sqsSender(client: SQSClient, queueUrl: string, opts: DispatchOptions = {}): SendMessages {
  return async (messages) => {
    const entries = messages.map((m) => ({
      key: m.cluster,
      body: (attempt: number) => JSON.stringify({ ...m, attempt }),
    }));
    const result = await dispatchMessages(client, queueUrl, entries, opts);
    return { failed: result.failed };
  };
}
