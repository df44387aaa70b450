import { randomBytes } from 'node:crypto';

/** A sortable sweep id: `sw_20261125T120501Z_ab12` (UTC start time + random suffix). */
export function newSweepId(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `sw_${stamp}_${randomBytes(2).toString('hex')}`;
}
