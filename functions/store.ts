import { config } from '../core/config.ts';
import type { History } from '../core/history/history.ts';
import { createHistory } from '../core/history/service.ts';
import { historySettings } from '../core/history/settings.ts';
import { openLibsqlStore } from '../db/libsql-store.ts';
import { resources } from './resources.ts';

let opened: Promise<History> | undefined;

/** True inside AWS Lambda (the runtime sets AWS_LAMBDA_FUNCTION_NAME). */
export function inLambda(): boolean {
  return config().AWS_LAMBDA_FUNCTION_NAME !== undefined;
}

/**
 * The history store for this container (libSQL only; in Lambda a libSQL server, never a file), opened once
 * on first use and reused by later invocations; a failed open is retried on the next call. Only
 * functions/migrate (invoked once per deploy) and local runs pass `migrate: true`; no cold start migrates.
 */
export function lambdaStore(opts: { migrate?: boolean } = {}): Promise<History> {
  if (!opened) {
    const { databaseUrl, databaseAuthToken } = resources();
    opened = openLibsqlStore(databaseUrl, {
      migrate: opts.migrate ?? false,
      remoteOnly: inLambda(),
      ...(databaseAuthToken ? { authToken: databaseAuthToken } : {}),
    }).then((store) => createHistory(store, historySettings()));
    opened.catch(() => {
      opened = undefined;
    });
  }
  return opened;
}

/** Closes and forgets the container's store (tests, local runs). */
export async function closeLambdaStore(): Promise<void> {
  const current = opened;
  opened = undefined;
  if (current) await (await current).close();
}
