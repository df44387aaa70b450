import { FleetcheckError } from '../errors.ts';

/** A Slack-compatible incoming-webhook body: `text` is what every such receiver shows. */
export interface WebhookMessage {
  text: string;
}

export type PostWebhook = (message: WebhookMessage) => Promise<void>;

/**
 * Posts Slack-compatible JSON to an incoming webhook (Slack, Mattermost, Rocket.Chat, Teams workflows...).
 * A non-2xx answer or a timeout is an error naming the status, never the URL (it holds the secret).
 * @example await webhookPoster(process.env.HOOK!)({ text: 'hello' })
 */
export function webhookPoster(
  url: string,
  opts: { timeoutMs?: number; fetch?: typeof fetch } = {},
): PostWebhook {
  const doFetch = opts.fetch ?? fetch;
  return async (message) => {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new FleetcheckError('unreachable', `webhook not reached: ${(err as Error).name}`);
    }
    await res.body?.cancel();
    if (!res.ok) throw new FleetcheckError('server-error', `webhook answered HTTP ${res.status}`);
  };
}
