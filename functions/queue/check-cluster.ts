import { runClusterChecks } from '../../core/checks/run.ts';
import { type BatchResult, checkBatch } from '../../core/serverless/batch.ts';
import type { CheckOptions } from '../../core/serverless/check.ts';
import { connectQueued } from '../../core/serverless/connect.ts';
import { type LambdaContextLike, type SqsBatchResponse, sqsEventSchema } from '../events.ts';
import { metricLine } from '../metrics.ts';
import { lambdaOnFinished } from '../notifier.ts';
import { lambdaStore } from '../store.ts';

/** Time kept back from the Lambda timeout to save runs and answer SQS. */
const MARGIN_MS = 10_000;

export type WorkerDeps = Omit<CheckOptions, 'signal'>;

/**
 * The SQS worker: one cluster per record, failed or malformed records reported as batch item failures,
 * records past their sweep's deadline dropped (logged, and counted as the ExpiredMessages metric).
 */
export function createCheckClusterHandler(deps: () => Promise<WorkerDeps>) {
  return async function checkClusterHandler(
    event: unknown,
    context?: LambdaContextLike,
  ): Promise<SqsBatchResponse> {
    const { Records } = sqsEventSchema.parse(event);
    const remaining = context?.getRemainingTimeInMillis?.();
    const signal = remaining ? AbortSignal.timeout(Math.max(1_000, remaining - MARGIN_MS)) : undefined;
    const records = Records.map((r) => ({ id: r.messageId, body: r.body }));
    const result: BatchResult = await checkBatch(records, { ...(await deps()), signal });
    for (const f of result.failed) console.warn(JSON.stringify({ msg: 'record failed', ...f }));
    for (const c of result.checked) console.info(JSON.stringify({ msg: 'cluster checked', ...c }));
    for (const e of result.expired) console.warn(JSON.stringify({ msg: 'record expired, dropped', ...e }));
    if (result.expired.length > 0) console.log(metricLine('ExpiredMessages', result.expired.length));
    return { batchItemFailures: result.failed.map((f) => ({ itemIdentifier: f.id })) };
  };
}

export const handler = createCheckClusterHandler(async () => {
  const store = await lambdaStore();
  return { store, connect: connectQueued, runChecks: runClusterChecks, onFinished: lambdaOnFinished(store) };
});
