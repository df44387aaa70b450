import type { Outcome } from '../outcome.ts';
import { QUICK_SWEEP_REASON } from './settings.ts';

/** The business checks the probe Job backs (DESIGN §5). */
const BUSINESS_CHECKS = ['business.dns.resolve', 'business.service.reach'] as const;

/**
 * On a quick sweep (business Job not due), the business checks the runner did not report, as `skip`
 * outcomes with reason "quick sweep", so every sweep records every check.
 */
export function quickSweepSkips(results: Outcome[], every: number | undefined): Outcome[] {
  const present = new Set(results.map((r) => r.check));
  const when = every && every > 1 ? ` (the business probe runs every ${every} sweeps)` : '';
  return BUSINESS_CHECKS.filter((c) => !present.has(c)).map((check) => ({
    check,
    subject: 'cluster',
    status: 'skip',
    message: `${QUICK_SWEEP_REASON}${when}`,
  }));
}
