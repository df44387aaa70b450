import { Resource } from 'sst/resource';
import { z } from 'zod';
import { config } from '../core/config.ts';

const secretSchema = z.object({ value: z.string() });
const queueSchema = z.object({ url: z.string().url() });

/** A linked SST resource, or undefined when it is not linked (local runs, tests without SST_RESOURCE_*). */
function linked<T>(name: string, schema: z.ZodType<T>): T | undefined {
  let raw: unknown;
  try {
    raw = (Resource as unknown as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** The one place handlers get secrets and links: `Resource.<Name>` when linked by SST, else core/config. */
export interface Resources {
  databaseUrl: string;
  databaseAuthToken?: string;
  apiToken?: string;
  /** The check queue's URL; undefined locally, where the worker runs in-process. */
  checkQueueUrl?: string;
  /** Slack-compatible webhook for new regressions and alarms; undefined = notifications off. */
  webhookUrl?: string;
}

/**
 * Resolves the handlers' secrets and links.
 * @example const { databaseUrl, databaseAuthToken } = resources();
 */
export function resources(): Resources {
  const env = config();
  const authToken = linked('DatabaseAuthToken', secretSchema)?.value;
  const out: Resources = {
    databaseUrl: linked('DatabaseUrl', secretSchema)?.value ?? env.FLEETCHECK_DB,
  };
  const dbToken = authToken !== undefined && authToken !== 'none' ? authToken : env.FLEETCHECK_DB_AUTH_TOKEN;
  if (dbToken) out.databaseAuthToken = dbToken;
  const apiToken = linked('ApiToken', secretSchema)?.value ?? env.FLEETCHECK_API_TOKEN;
  if (apiToken) out.apiToken = apiToken;
  const hook = linked('WebhookUrl', secretSchema)?.value;
  const webhookUrl = hook !== undefined && hook !== 'none' ? hook : env.FLEETCHECK_WEBHOOK_URL;
  if (webhookUrl) out.webhookUrl = webhookUrl;
  const queueUrl = linked('CheckQueue', queueSchema)?.url;
  if (queueUrl) out.checkQueueUrl = queueUrl;
  return out;
}
