import { openStore, type Store } from '../db/store.ts';
import { resources } from './resources.ts';

let opened: Promise<Store> | undefined;

/**
 * The history store for this Lambda container, opened once on first use and reused by later invocations;
 * a failed open is retried on the next call. The planner, weekly report and API apply migrations (few,
 * serial invocations); the worker passes `migrate: false` so dozens of cold starts do not race on them.
 */
export function lambdaStore(opts: { migrate?: boolean } = {}): Promise<Store> {
  if (!opened) {
    const { databaseUrl, databaseAuthToken } = resources();
    opened = openStore(databaseUrl, {
      migrate: opts.migrate ?? true,
      ...(databaseAuthToken ? { authToken: databaseAuthToken } : {}),
    });
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
