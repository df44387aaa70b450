import { FleetcheckError } from '../core/errors.ts';
import type { History } from '../core/history/history.ts';
import { notFoundError } from './errors.ts';

/** 400 unless `from` is before `to` (when both are given), as for every windowed query. */
export function requireOrdered(from: Date | undefined, to: Date | undefined): void {
  if (from && to && from >= to)
    throw new FleetcheckError('invalid-input', "parameter 'from' must be before 'to'");
}

/**
 * The window of a query with defaults: `to` = now, `from` = `to` − `spanMs`; 400 unless `from` < `to`.
 * @example timeWindow({}, new Date(), 7 * 86_400_000) // the last 7 days
 */
export function timeWindow(
  q: { from?: Date; to?: Date },
  now: Date,
  spanMs: number,
): { from: Date; to: Date } {
  const to = q.to ?? now;
  const from = q.from ?? new Date(to.getTime() - spanMs);
  requireOrdered(from, to);
  return { from, to };
}

/** 404 for a `cluster` filter naming a cluster with no stored run (as the CLI's "unknown cluster"). */
export async function requireKnownCluster(store: History, name: string | undefined): Promise<void> {
  if (name !== undefined && !(await store.cluster(name))) throw notFoundError('cluster', name);
}
