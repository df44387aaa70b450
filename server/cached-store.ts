import type { History } from '../core/history/history.ts';
import { POOLED_READS } from './read-pool/read-pool-protocol.ts';

function keyOf(method: string, args: unknown[], ttlMs: number): string {
  return `${method}:${JSON.stringify(args, (k, v) => {
    // `now` only moves the stale flags; within one TTL window it is the same answer.
    if (k === 'now' && typeof v === 'string') return Math.floor(Date.parse(v) / ttlMs);
    return v;
  })}`;
}

/** A cached History, plus a way to drop its answers after a write it did not see (another connection's). */
export type CachedHistory = History & { forget(): void };

/**
 * Wraps a History so identical reads share one query: concurrent callers await the same promise, and the answer
 * is reused for `ttlMs` or until something is written through this wrapper (a stored sweep invalidates all).
 * At most `maxEntries` answers are held; expired ones are dropped as new ones come, the oldest first.
 * History only changes when a sweep is stored, so API answers stay exact for the local service.
 * @example const store = cachedStore(await openStore(url), { ttlMs: 5000 });
 */
export function cachedStore(inner: History, { ttlMs = 5000, maxEntries = 500 } = {}): CachedHistory {
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  const clear = () => cache.clear();
  /** Entries are kept in insertion order, so the oldest go first: every expired one, and one more while full. */
  const evict = (now: number) => {
    for (const [key, entry] of cache) {
      if (cache.size < maxEntries && now - entry.at < ttlMs) return;
      cache.delete(key);
    }
  };
  const wrapped: CachedHistory = {
    ...inner,
    forget: clear,
    saveSweep: async (r) => {
      try {
        return await inner.saveSweep(r);
      } finally {
        clear();
      }
    },
    saveClusterRun: async (id, r) => {
      try {
        return await inner.saveClusterRun(id, r);
      } finally {
        clear();
      }
    },
    recordFinished: async (r, o) => {
      try {
        return await inner.recordFinished(r, o);
      } finally {
        clear();
      }
    },
    prune: async (o) => {
      try {
        return await inner.prune(o);
      } finally {
        clear();
      }
    },
    saveReport: async (week, report) => {
      try {
        return await inner.saveReport(week, report);
      } finally {
        clear();
      }
    },
    createSweep: (s) => inner.createSweep(s),
    close: () => inner.close(),
  };
  for (const method of POOLED_READS) {
    const read = inner[method].bind(inner) as (...args: unknown[]) => Promise<unknown>;
    (wrapped as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const key = keyOf(method, args, ttlMs);
      const hit = cache.get(key);
      const now = Date.now();
      if (hit && now - hit.at < ttlMs) return hit.value;
      cache.delete(key);
      evict(now);
      const value = read(...args);
      cache.set(key, { at: now, value });
      value.catch(() => {
        if (cache.get(key)?.value === value) cache.delete(key);
      });
      return value;
    };
  }
  return wrapped;
}
