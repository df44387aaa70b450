import { z } from 'zod';

/**
 * What an `sst.aws.Cron` target receives: SST 4.17 sets the EventBridge target's fixed `input` to
 * `JSON.stringify(args.event || {})` (platform/src/components/aws/cron.ts), so the handler gets `{}`, never
 * the scheduled event. The schedule's time is the invocation time.
 */
export const cronInputSchema = z.strictObject({});

/** An SQS event source batch; the bodies are validated one by one later (a bad one fails alone). */
export const sqsEventSchema = z.object({
  Records: z.array(
    z.looseObject({
      messageId: z.string().min(1),
      body: z.string(),
      eventSource: z.literal('aws:sqs'),
      attributes: z.looseObject({ ApproximateReceiveCount: z.string().optional() }).optional(),
    }),
  ),
});

/** An SNS notification batch (the alarm topic's subscriber). */
export const snsEventSchema = z.object({
  Records: z.array(
    z.looseObject({ Sns: z.looseObject({ Message: z.string(), Subject: z.string().nullish() }) }),
  ),
});

/** What the worker returns with `batch.partialResponses` on: only these messages become visible again. */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** The slice of the Lambda context the handlers use. */
export interface LambdaContextLike {
  getRemainingTimeInMillis?: () => number;
}
