import { FleetcheckError } from '../errors.ts';

const UNITS = new Map([
  ['ms', 1],
  ['s', 1000],
  ['m', 60_000],
  ['h', 3_600_000],
  ['d', 86_400_000],
]);

/** Bounds of the sweep interval: more often hammers every cluster with probe Jobs, rarer is not monitoring. */
const SWEEP_INTERVAL_BOUNDS = { minMs: 60_000, maxMs: 7 * 86_400_000 } as const;

/**
 * The one duration parser: `90s`, `5m`, `1h`, `2d`, `500ms`; a bare number is seconds. Throws `invalid-input`
 * naming `name` on anything else.
 * @example parseDuration('300', 'FLEETCHECK_INTERVAL') // 300000
 */
function parseDuration(text: string, name: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  const ms = m ? Number(m[1]) * (UNITS.get(m[2] ?? 's') ?? Number.NaN) : Number.NaN;
  if (!Number.isFinite(ms) || ms <= 0)
    throw new FleetcheckError(
      'invalid-input',
      `${name}: expected a duration like 90s, 5m, 1h or 2d (a bare number is seconds), got '${text}'`,
    );
  return Math.round(ms);
}

/**
 * A sweep interval within 1 minute … 7 days.
 * @example parseSweepInterval('5m', '--interval') // 300000
 */
export function parseSweepInterval(text: string, name: string): number {
  const ms = parseDuration(text, name);
  const { minMs, maxMs } = SWEEP_INTERVAL_BOUNDS;
  if (ms < minMs || ms > maxMs)
    throw new FleetcheckError(
      'invalid-input',
      `${name}: a sweep interval must be between ${formatDuration(minMs)} and ${formatDuration(maxMs)}, got '${text}'`,
    );
  return ms;
}

/**
 * The largest exact unit: `5m`, `90s`, `7d`.
 * @example formatDuration(300_000) // '5m'
 */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [...UNITS].reverse()) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
