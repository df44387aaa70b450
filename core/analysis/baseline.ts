import { FleetcheckError } from '../errors.ts';

/** What the latest sweep is compared with: the sweep before it, a given sweep, or the state at a time. */
export type Baseline = 'previous' | { sweepId: string } | { at: Date };

/**
 * Parses a baseline reference: `previous`, an ISO-8601 time (starts with a date; not after `now`), or a sweep id.
 * @example parseBaseline('2026-11-20T00:00Z', new Date('2026-11-25T00:00Z')) // { at: 2026-11-20T00:00Z }
 */
export function parseBaseline(value: string | undefined, now: Date, name = 'baseline'): Baseline {
  if (value === undefined || value === 'previous') return 'previous';
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return { sweepId: value };
  const at = new Date(value);
  if (Number.isNaN(at.getTime()))
    throw new FleetcheckError('invalid-input', `${name} is not an ISO-8601 time: ${value}`);
  if (at.getTime() > now.getTime())
    throw new FleetcheckError(
      'invalid-input',
      `${name} ${value} is in the future: compare with a time that has passed, a sweep id, or previous`,
    );
  return { at };
}
