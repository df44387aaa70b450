import type { History } from '../core/history/history.ts';
import { sweepFinished } from '../core/notify/sweep-finished.ts';
import type { SweepReport } from '../core/sweep/report.ts';
import { resources } from './resources.ts';

/** The Lambda side of core/notify: JSON log lines, webhook from the linked WebhookUrl secret. */
export function lambdaOnFinished(store: History): (report: SweepReport) => Promise<void> {
  const { webhookUrl } = resources();
  return sweepFinished(store, {
    ...(webhookUrl ? { webhookUrl } : {}),
    log: (line) => console.info(JSON.stringify({ msg: line })),
  });
}
