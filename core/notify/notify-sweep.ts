import type { RegressionReport } from '../analysis/types.ts';
import { regressionsMessage } from './regressions-message.ts';
import type { PostWebhook } from './webhook.ts';

/** The slice of the history store the notifier reads; any `Store` satisfies it. */
export interface RegressionSource {
  regressions(q: { baseline: 'previous' }): Promise<RegressionReport>;
}

/**
 * After a sweep is finished and stored: posts its new regressions (vs the previous sweep) to the webhook.
 * Nothing is posted when there are none or the latest sweep is another one; a webhook failure is returned,
 * never thrown, so a sweep is never lost to a chat outage. Used by `fleetcheck serve` and the Lambda worker.
 * @example await notifySweep(store, report.sweep.id, webhookPoster(url))
 */
export async function notifySweep(
  store: RegressionSource,
  sweepId: string,
  post: PostWebhook | undefined,
): Promise<{ posted: number; error?: string }> {
  if (!post) return { posted: 0 };
  const report = await store.regressions({ baseline: 'previous' });
  if (report.current?.sweepId !== sweepId || report.regressions.length === 0) return { posted: 0 };
  try {
    await post(regressionsMessage(sweepId, report.regressions));
    return { posted: report.regressions.length };
  } catch (err) {
    return { posted: 0, error: err instanceof Error ? err.message : String(err) };
  }
}
