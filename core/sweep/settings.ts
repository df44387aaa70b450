import type { CheckSettings } from '../checks/check.ts';
import type { ClusterOverrides } from '../fleet/target.ts';

/** Reason given to business checks skipped on sweeps that do not run the probe Job. */
export const QUICK_SWEEP_REASON = 'quick sweep';

/**
 * Whether sweep number `sweepIndex` (0-based counter kept by the scheduler) runs the business Job when it
 * runs every `every`th sweep. Without a counter (one-off sweep) it always runs.
 * @example businessDue(3, 3) // true — sweeps 0, 3, 6... are thorough
 */
export function businessDue(sweepIndex: number | undefined, every: number | undefined): boolean {
  if (sweepIndex === undefined || every === undefined || every <= 1) return true;
  return sweepIndex % every === 0;
}

/**
 * One cluster's effective settings: fleet settings, then the cluster's overrides, then the quick/thorough
 * decision for this sweep (`runBusiness` can only be turned off by it, never on).
 * @example effectiveSettings(defaults, { sampleAgents: 2 }, {}).sampleAgents // 2
 */
export function effectiveSettings(
  base: CheckSettings,
  overrides: ClusterOverrides,
  sweep: { sweepIndex?: number; businessEvery?: number },
): CheckSettings {
  const { businessEvery, ...rest } = overrides;
  const merged: CheckSettings = { ...base };
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  const every = businessEvery ?? sweep.businessEvery;
  merged.runBusiness = base.runBusiness && businessDue(sweep.sweepIndex, every);
  return merged;
}
