import type { ErrorCode } from '../errors.ts';
import type { Layer, Outcome } from '../outcome.ts';
import type { ClusterFacts } from './facts.ts';
import type { Verdict } from './outcomes.ts';

/**
 * A condition a check needs before it applies (a minimum Cilium version, a mesh, the business probe...): the
 * verdict when it does not hold (`skip` with the reason, or `error` when it cannot be told), null when it holds.
 */
export interface Precondition {
  /** What the check needs, in a few words (listed with the check by `listChecks`). */
  needs: string;
  unmet(facts: ClusterFacts): Promise<Verdict | null>;
}

/** One check: id `layer.area.name` (= its file name), what it verifies, what it needs, and how. */
export interface CheckDefinition {
  id: string;
  layer: Layer;
  /** One line: what the check verifies and why it matters. */
  doc: string;
  /** Checked in order before `run`; the first unmet one is the check's only outcome. */
  requires?: readonly Precondition[];
  /** What the check reads, for `could not <doing>: …` when it throws (default `evaluate`). */
  doing?: string;
  /** Verdicts for expected error codes instead of `error` (e.g. a missing CRD: `skip`). */
  onError?: Partial<Record<ErrorCode, Verdict>>;
  /** The subject of a check-wide skip or error (default `cluster`). */
  subject?: string;
  /**
   * Outcomes, one per subject; must not throw for an unhealthy cluster. A thrown error (timeout, 403, not found)
   * becomes an `error` outcome with the hint of its code (see {@link evaluateCheck}).
   */
  run(facts: ClusterFacts): Promise<Outcome[]>;
}
