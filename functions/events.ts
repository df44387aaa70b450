import { z } from 'zod';

/** The EventBridge event a schedule rule (sst.aws.Cron) delivers; only what the handlers read. */
export const scheduledEventSchema = z.looseObject({
  id: z.string(),
  'detail-type': z.literal('Scheduled Event'),
  source: z.literal('aws.events'),
  time: z.iso.datetime(),
  resources: z.array(z.string()),
});

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

/** What the worker returns with `batch.partialResponses` on: only these messages become visible again. */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** The slice of the Lambda context the handlers use. */
export interface LambdaContextLike {
  getRemainingTimeInMillis?: () => number;
}
