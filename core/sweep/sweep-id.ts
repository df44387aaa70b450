import { randomBytes } from 'node:crypto';

/**
 * A sortable sweep id: UTC start time to the second plus a short random suffix.
 * @example newSweepId(new Date('2026-11-25T12:05:01Z')) // 'sw_20261125T120501Z_ab12'
 */
export function newSweepId(at: Date, suffix: string = randomBytes(2).toString('hex')): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `sw_${stamp}_${suffix}`;
}
