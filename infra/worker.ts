import { hubPermissions } from './iam.ts';
import { checkQueue } from './queue.ts';
import { databaseSecrets } from './secrets.ts';
import {
  CLUSTER_DEADLINE_SECONDS,
  NODEJS,
  WORKER_BATCH_SIZE,
  WORKER_RESERVED_CONCURRENCY,
  WORKER_TIMEOUT,
} from './settings.ts';

/** The queue's only subscriber: checks each cluster of the batch, reports failed messages individually. */
export const worker = checkQueue.subscribe(
  {
    handler: 'functions/queue/check-cluster.handler',
    description: $interpolate`fleetcheck ${$app.stage}: check one cluster per message (deadline ${CLUSTER_DEADLINE_SECONDS} s)`,
    runtime: 'nodejs20.x',
    timeout: WORKER_TIMEOUT,
    memory: '1024 MB',
    link: databaseSecrets,
    permissions: hubPermissions,
    concurrency: { reserved: WORKER_RESERVED_CONCURRENCY },
    nodejs: NODEJS,
  },
  { batch: { size: WORKER_BATCH_SIZE, partialResponses: true } },
);
