import { z } from 'zod';
import { FleetcheckError } from './errors.ts';
import { parseSweepInterval } from './time/duration.ts';

/** The only reader of process.env. Values are defaults; CLI flags win over them. */
const envSchema = z.object({
  FLEETCHECK_DB: z.string().min(1).default('./fleetcheck.db'),
  FLEETCHECK_DB_AUTH_TOKEN: z.string().optional(),
  FLEETCHECK_FLEET: z.string().optional(),
  FLEETCHECK_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  FLEETCHECK_HOST: z.string().optional(),
  FLEETCHECK_API_TOKEN: z.string().min(1).optional(),
  /** Sweep interval in ms, from `90s`, `5m`, `1h`, `2d` or a bare number of seconds (1 minute … 7 days). */
  FLEETCHECK_INTERVAL: z
    .string()
    .default('5m')
    .transform((text, ctx) => {
      try {
        return parseSweepInterval(text, 'FLEETCHECK_INTERVAL');
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  FLEETCHECK_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  FLEETCHECK_DEBUG: z.stringbool().default(false),
  KUBECONFIG: z.string().optional(),
  /** Slack-compatible incoming-webhook URL told about new regressions after each sweep. */
  FLEETCHECK_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Origins allowed to call the API from a browser (comma-separated); CORS is off without it. */
  FLEETCHECK_CORS_ORIGINS: z.string().optional(),
  /** Deploy time: private subnets / security groups for the functions (comma-separated ids). */
  FLEETCHECK_VPC_SUBNETS: z.string().optional(),
  FLEETCHECK_VPC_SECURITY_GROUPS: z.string().optional(),
  /** Set by AWS Lambda in every function's environment. */
  AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
  CI: z.string().optional(),
});
export type Config = z.infer<typeof envSchema>;

let cached: Config | undefined;

/** Parses the environment once; a bad value is an `invalid-input` error naming the variable. */
export function config(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && cached) return cached;
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FleetcheckError(
      'invalid-input',
      `environment variable ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  if (env === process.env) cached = parsed.data;
  return parsed.data;
}
