import { MAX_RECEIVES, QUEUE_VISIBILITY_TIMEOUT } from './settings.ts';

/** Messages that failed MAX_RECEIVES times (bad body, store down); inspect and redrive by hand. */
export const deadLetterQueue = new sst.aws.Queue('CheckDeadLetterQueue');

/** One message per cluster per sweep (core/sweep/queue-message.ts), sent by the planner. */
export const checkQueue = new sst.aws.Queue('CheckQueue', {
  visibilityTimeout: QUEUE_VISIBILITY_TIMEOUT,
  dlq: { queue: deadLetterQueue.arn, retry: MAX_RECEIVES },
});
