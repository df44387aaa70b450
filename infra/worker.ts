import { worker } from './functions.ts';
import { checkQueue } from './queue.ts';
import { WORKER_BATCH_SIZE, WORKER_MAX_CONCURRENCY } from './settings.ts';

/** The queue's only subscriber: batches of clusters, failed messages reported one by one, concurrency capped. */
export const workerSubscription = checkQueue.subscribe(worker.arn, {
  batch: { size: WORKER_BATCH_SIZE, partialResponses: true },
  transform: {
    eventSourceMapping: (args) => {
      args.scalingConfig = { maximumConcurrency: WORKER_MAX_CONCURRENCY };
    },
  },
});
