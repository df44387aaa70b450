import { FleetcheckError } from '../core/errors.ts';

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a duration like `90s`, `5m`, `1h` (a bare number is seconds) into milliseconds.
 * @example parseDuration('5m') // 300000
 */
export function parseDuration(text: string, name = 'interval'): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  const value = m ? Number(m[1]) * (units[m[2] ?? 's'] ?? 1000) : Number.NaN;
  if (!Number.isFinite(value) || value <= 0) {
    throw new FleetcheckError(
      'invalid-input',
      `${name}: expected a duration like 30s, 5m or 1h, got '${text}'`,
    );
  }
  return value;
}
