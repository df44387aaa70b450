import { z } from 'zod';
import { webhookPoster } from '../../core/notify/webhook.ts';
import { snsEventSchema } from '../events.ts';
import { resources } from '../resources.ts';

/** The fields of a CloudWatch alarm state-change notification (the SNS message body) that we show. */
const alarmSchema = z.looseObject({
  AlarmName: z.string(),
  AlarmDescription: z.string().nullish(),
  NewStateValue: z.string(),
  NewStateReason: z.string(),
});

/** Alarm topic → webhook: one Slack-compatible message per alarm notification; none when no webhook is set. */
export async function handler(event: unknown): Promise<{ forwarded: number }> {
  const { webhookUrl } = resources();
  if (!webhookUrl) return { forwarded: 0 };
  const post = webhookPoster(webhookUrl);
  let forwarded = 0;
  for (const record of snsEventSchema.parse(event).Records) {
    const parsed = alarmSchema.safeParse(parseJson(record.Sns.Message));
    const text = parsed.success
      ? `*fleetcheck alarm* ${parsed.data.AlarmName} is ${parsed.data.NewStateValue}: ${parsed.data.AlarmDescription ?? ''}\n${parsed.data.NewStateReason}`
      : `*fleetcheck alarm*: ${record.Sns.Subject ?? record.Sns.Message}`;
    await post({ text });
    forwarded++;
  }
  return { forwarded };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
