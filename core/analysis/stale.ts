import { median } from './run-facts.ts';

/**
 * A cluster is stale when it was not checked within 2 × its interval. The interval is the median gap of its
 * recent runs when known (at least two runs), else the configured interval.
 * @example isStale(Date.parse('2026-01-01T00:00Z'), Date.parse('2026-01-01T00:11Z'), 300_000) // true
 */
export function isStale(
  lastAt: number,
  now: number,
  intervalMs: number,
  recentRunTimes: readonly number[] = [],
): boolean {
  return now - lastAt > 2 * effectiveInterval(intervalMs, recentRunTimes);
}

/** The interval used for staleness: the larger of the configured one and the observed median gap. */
export function effectiveInterval(intervalMs: number, recentRunTimes: readonly number[]): number {
  const times = [...recentRunTimes].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) gaps.push((times[i] ?? 0) - (times[i - 1] ?? 0));
  const observed = median(gaps.filter((g) => g > 0));
  return Math.max(intervalMs, observed ?? 0);
}
