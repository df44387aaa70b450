import { ZodError } from 'zod';
import { parseCheckClusterMessage } from '../sweep/queue-message.ts';
import { type CheckOptions, checkCluster } from './check.ts';

export interface QueueRecord {
  /** The SQS messageId: the `itemIdentifier` of a batch item failure. */
  id: string;
  body: string;
}

export interface BatchResult {
  /** Records to hand back to SQS (retried, then dead-lettered). */
  failed: { id: string; reason: string }[];
  checked: { id: string; sweepId: string; cluster: string; status: string; finished: boolean }[];
  /** Messages past their sweep's deadline: deleted unrun, so a late check never lands in a closed sweep. */
  expired: { id: string; sweepId: string; cluster: string; expiresAt: string }[];
}

/**
 * The worker's batch: validates each record, checks its cluster, and reports bad or failed records
 * individually (partial batch response) instead of failing the batch; expired records are dropped.
 * Records run concurrently.
 * @example const { failed } = await checkBatch(records, { store, connect, runChecks })
 */
export async function checkBatch(records: QueueRecord[], opts: CheckOptions): Promise<BatchResult> {
  const result: BatchResult = { failed: [], checked: [], expired: [] };
  const now = opts.now ?? (() => new Date());
  await Promise.all(
    records.map(async (record) => {
      let message: ReturnType<typeof parseCheckClusterMessage>;
      try {
        message = parseCheckClusterMessage(record.body);
      } catch (err) {
        result.failed.push({ id: record.id, reason: `invalid message: ${describe(err)}` });
        return;
      }
      if (message.expiresAt && Date.parse(message.expiresAt) <= now().getTime()) {
        const { sweepId, cluster, expiresAt } = message;
        result.expired.push({ id: record.id, sweepId, cluster, expiresAt });
        return;
      }
      try {
        const { report, finished } = await checkCluster(message, opts);
        result.checked.push({
          id: record.id,
          sweepId: message.sweepId,
          cluster: message.cluster,
          status: report.status,
          finished: finished !== null,
        });
      } catch (err) {
        result.failed.push({ id: record.id, reason: describe(err) });
      }
    }),
  );
  return result;
}

function describe(err: unknown): string {
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    return `${issue?.path.join('.') || '(root)'}: ${issue?.message}`;
  }
  return err instanceof Error ? err.message : String(err);
}
