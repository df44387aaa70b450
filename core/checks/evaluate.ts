import { isFleetcheckError } from '../errors.ts';
import type { Outcome } from '../outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { errorOutcome } from './error-outcome.ts';
import type { ClusterFacts } from './facts.ts';
import { outcomes } from './outcomes.ts';

/**
 * Runs one check: its preconditions in order (the first unmet one gives the check's only outcome), then its body;
 * a thrown error becomes the verdict its definition names for that code, else an `error` outcome (could not
 * evaluate) with the hint of the error's kind. Never throws.
 * @example const results = await evaluateCheck(componentOperatorReady, facts);
 */
export async function evaluateCheck(check: CheckDefinition, facts: ClusterFacts): Promise<Outcome[]> {
  const o = outcomes(check.id);
  const subject = check.subject ?? 'cluster';
  try {
    for (const p of check.requires ?? []) {
      const unmet = await p.unmet(facts);
      if (unmet) return [o.of(subject, unmet)];
    }
    return await check.run(facts);
  } catch (err) {
    const expected = isFleetcheckError(err) ? check.onError?.[err.code] : undefined;
    if (expected) return [o.of(subject, expected)];
    return [errorOutcome(check.id, subject, err, check.doing)];
  }
}
