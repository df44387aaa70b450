/**
 * Types for the SST v3 platform globals used by sst.config.ts and infra/*. `sst deploy` generates the real
 * ones in .sst/platform (excluded from tsc); this file declares only the subset we use, with the argument
 * names of sst 3.18 (`platform/src/components/aws/{function,queue,cron,secret}.ts`), so tsc checks infra
 * without the SST CLI.
 */

type SstDurationUnit = 'second' | 'seconds' | 'minute' | 'minutes' | 'hour' | 'hours';
type SstDuration = `${number} ${SstDurationUnit}`;
type SstSize = `${number} MB` | `${number} GB`;

interface SstOutput<T> {
  apply<U>(fn: (value: T) => U): SstOutput<U>;
}
type SstInput<T> = T | Promise<T> | SstOutput<T>;

interface SstPermission {
  actions: string[];
  resources: SstInput<SstInput<string>[]>;
  effect?: 'allow' | 'deny';
}

/** A linkable resource: `link: [...]` exposes it to a function as `Resource.<name>` and grants its IAM. */
interface SstLinkable {
  readonly urn: SstOutput<string>;
}

interface SstFunctionArgs {
  handler: string;
  description?: SstInput<string>;
  runtime?: 'nodejs20.x' | 'nodejs22.x';
  architecture?: 'x86_64' | 'arm64';
  timeout?: SstInput<SstDuration>;
  memory?: SstInput<SstSize>;
  link?: SstInput<SstLinkable[]>;
  permissions?: SstInput<SstPermission[]>;
  environment?: SstInput<Record<string, SstInput<string>>>;
  concurrency?: SstInput<{ reserved?: SstInput<number>; provisioned?: SstInput<number> }>;
  url?: SstInput<boolean | { authorization?: 'none' | 'iam'; cors?: SstInput<boolean> }>;
  nodejs?: SstInput<{ install?: string[]; format?: 'esm' | 'cjs'; sourcemap?: boolean }>;
  copyFiles?: SstInput<{ from: string; to?: string }[]>;
  logging?: SstInput<{ retention?: string; format?: 'text' | 'json' }>;
}

interface SstFunction extends SstLinkable {
  readonly arn: SstOutput<string>;
  readonly name: SstOutput<string>;
  readonly url: SstOutput<string>;
}

interface SstQueueArgs {
  fifo?: SstInput<boolean>;
  visibilityTimeout?: SstInput<SstDuration>;
  dlq?: SstInput<string | { queue: SstInput<string>; retry: SstInput<number> }>;
}

interface SstQueueSubscriberArgs {
  batch?: SstInput<{
    size?: SstInput<number>;
    window?: SstInput<SstDuration>;
    partialResponses?: SstInput<boolean>;
  }>;
  filters?: SstInput<SstInput<Record<string, unknown>>[]>;
}

interface SstQueue extends SstLinkable {
  readonly arn: SstOutput<string>;
  readonly url: SstOutput<string>;
  subscribe(subscriber: string | SstFunctionArgs, args?: SstQueueSubscriberArgs): SstOutput<unknown>;
}

interface SstCronArgs {
  schedule: SstInput<`rate(${string})` | `cron(${string})`>;
  function: SstInput<string | SstFunctionArgs>;
  enabled?: SstInput<boolean>;
}

interface SstSecret extends SstLinkable {
  readonly name: SstOutput<string>;
  readonly value: SstOutput<string>;
}

interface SstAppInput {
  stage?: string;
}

interface SstAppConfig {
  name: string;
  home: 'aws';
  removal?: 'remove' | 'retain' | 'retain-all';
  protect?: boolean;
  providers?: Record<string, unknown>;
}

interface SstConfig {
  app(input: SstAppInput): SstAppConfig;
  run(): Promise<Record<string, unknown> | undefined>;
}

interface SstPlatform {
  Secret: new (name: string, placeholder?: SstInput<string>) => SstSecret;
  aws: {
    Function: new (name: string, args: SstFunctionArgs) => SstFunction;
    Queue: new (name: string, args?: SstQueueArgs) => SstQueue;
    Cron: new (name: string, args: SstCronArgs) => unknown;
  };
}

declare global {
  const sst: SstPlatform;
  const $app: { readonly name: string; readonly stage: string };
  const $dev: boolean;
  function $config(config: SstConfig): SstConfig;
  function $interpolate(literals: TemplateStringsArray, ...placeholders: unknown[]): SstOutput<string>;
}

export type { SstFunctionArgs, SstPermission, SstQueue, SstSecret };
