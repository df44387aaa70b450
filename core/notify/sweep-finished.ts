import type { SweepReport } from '../sweep/report.ts';
import { notifySweep, type RegressionSource } from './notify-sweep.ts';
import { type PostWebhook, webhookPoster } from './webhook.ts';

/**
 * What happens once a sweep is finished and stored, in `fleetcheck serve` and in the Lambda worker alike:
 * its new regressions are posted to the webhook when one is configured, with a log line saying so.
 * @example const onFinished = sweepFinished(store, { webhookUrl, log: console.info }); await onFinished(report)
 */
export function sweepFinished(
  store: RegressionSource,
  opts: { webhookUrl?: string; post?: PostWebhook; log?: (line: string) => void },
): (report: SweepReport) => Promise<void> {
  const post = opts.post ?? (opts.webhookUrl ? webhookPoster(opts.webhookUrl) : undefined);
  return async (report) => {
    const { id, status } = report.sweep;
    const sent = await notifySweep(store, id, post);
    const note = sent.error
      ? `, webhook failed: ${sent.error}`
      : sent.posted > 0
        ? `, ${sent.posted} regressions posted`
        : '';
    opts.log?.(`sweep ${id} finished: ${status}, ${report.clusters.length} clusters${note}`);
  };
}
