import { type Outcome, outcome, type Status } from '../outcome.ts';

/** What may back a verdict besides its message and hint. */
type OutcomeExtras = Pick<Outcome, 'evidence' | 'metrics'>;

/** A verdict not yet tied to a check and subject: what a precondition or an expected error code stands for. */
export interface Verdict {
  status: Exclude<Status, 'pass'>;
  message: string;
  hint: string;
  evidence?: Record<string, unknown>;
}

/** Outcome builders for one check: every non-pass verdict takes the hint that says what to look at next. */
export interface Outcomes {
  pass(subject: string, message: string, extras?: OutcomeExtras): Outcome;
  warn(subject: string, message: string, hint: string, extras?: OutcomeExtras): Outcome;
  fail(subject: string, message: string, hint: string, extras?: OutcomeExtras): Outcome;
  skip(subject: string, message: string, hint: string, extras?: OutcomeExtras): Outcome;
  error(subject: string, message: string, hint: string, extras?: OutcomeExtras): Outcome;
  /** The outcome of a verdict decided elsewhere (a precondition, an expected error code). */
  of(subject: string, verdict: Verdict): Outcome;
}

/**
 * Outcome builders bound to one check id.
 * @example const o = outcomes('component.operator.ready'); return [o.fail('cluster', 'no operator ready', HINT, { metrics })];
 */
export function outcomes(check: string): Outcomes {
  const nonPass =
    (status: Verdict['status']) =>
    (subject: string, message: string, hint: string, extras: OutcomeExtras = {}): Outcome =>
      outcome.nonPass(status, check, subject, message, hint, extras);
  return {
    pass: (subject, message, extras = {}) => outcome.pass(check, subject, message, extras),
    warn: nonPass('warn'),
    fail: nonPass('fail'),
    skip: nonPass('skip'),
    error: nonPass('error'),
    of: (subject, { status, message, hint, evidence }) =>
      outcome.nonPass(status, check, subject, message, hint, evidence ? { evidence } : {}),
  };
}
