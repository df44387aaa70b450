import { z } from 'zod';
import { LAYERS } from './layers.ts';
import { printableLine } from './printable.ts';

/**
 * The statuses from least to most severe: the one order. `worstStatus` and `isWorse` compare by it, every
 * listing shows worst first by it (`worstFirst`: fail, error, warn, pass, skip), the API serves it at
 * `/api/v1/meta` for the dashboard, and the db stores a status as its index here (its SQL compares those
 * codes, so a new order needs a migration). `skip` is the least severe: it did not apply, so it never makes
 * a verdict worse and is listed last.
 */
export const SEVERITY = ['skip', 'pass', 'warn', 'error', 'fail'] as const;

/**
 * The verdict of one check on one subject (the cluster, a node, a mesh peer...).
 * `fail` = evaluated and unhealthy; `error` = could not evaluate (timeout, 403, garbage output);
 * `skip` = does not apply (the message says why). The two are always counted apart.
 */
export const statusSchema = z.enum(SEVERITY);
export type Status = z.infer<typeof statusSchema>;

export const layerSchema = z.enum(LAYERS);
export type Layer = z.infer<typeof layerSchema>;

const metricsSchema = z.record(z.string(), z.number());

export const outcomeSchema = z.object({
  /** Check id `layer.area.name`, e.g. `node.health.reachability`. */
  check: z.string(),
  /** What the verdict is about: `cluster`, a node name, a peer cluster name, a namespace... */
  subject: z.string(),
  status: statusSchema,
  message: z.string(),
  /** What to look at next. Present on every non-pass outcome. */
  hint: z.string().optional(),
  /** Short machine-readable facts backing the verdict (names, counts, snippets). */
  evidence: z.record(z.string(), z.unknown()).optional(),
  metrics: metricsSchema.optional(),
  /** How long the check that gave this outcome ran, in ms (shared by all outcomes of one check run). */
  durationMs: z.number().optional(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

/** A status's place in `SEVERITY`: 0 for skip up to 4 for fail. */
export function severityOf(s: Status): number {
  return SEVERITY.indexOf(s);
}

/**
 * Sort comparator for listings, worst first (fail, error, warn, pass, skip).
 * @example results.sort((a, b) => worstFirst(a.status, b.status) || a.check.localeCompare(b.check))
 */
export function worstFirst(a: Status, b: Status): number {
  return severityOf(b) - severityOf(a);
}

/**
 * A cluster's (or sweep's) status from its results: `fail` if any failed, else `error` if any errored,
 * else `warn`, else `pass`; `skip`s do not count. No counted results at all gives `pass`.
 * @example worstStatus(['pass', 'skip', 'warn']) // 'warn'
 */
export function worstStatus(statuses: Iterable<Status>): Exclude<Status, 'skip'> {
  let worst: Status = 'pass';
  for (const s of statuses) if (severityOf(s) > severityOf(worst)) worst = s;
  return worst === 'skip' ? 'pass' : worst;
}

/**
 * The verdict of a group of results (a layer, one check's subjects): the worst counted status, or `skip` when
 * every result skipped (or there is none).
 * @example groupVerdict(['skip', 'skip']) // 'skip'
 */
export function groupVerdict(statuses: readonly Status[]): Status {
  return statuses.every((s) => s === 'skip') ? 'skip' : worstStatus(statuses);
}

/** True when `to` is worse than `from` in the regression sense (pass→warn/fail/error, warn→fail...). */
export function isWorse(from: Status, to: Status): boolean {
  if (from === 'skip' || to === 'skip') return false;
  return severityOf(to) > severityOf(from);
}

export const outcome = {
  pass: (check: string, subject: string, message: string, extra: Partial<Outcome> = {}): Outcome => ({
    check,
    subject,
    status: 'pass',
    message,
    ...extra,
  }),
  nonPass: (
    status: Exclude<Status, 'pass'>,
    check: string,
    subject: string,
    message: string,
    hint: string,
    extra: Partial<Outcome> = {},
  ): Outcome => ({ check, subject, status, message, hint, ...extra }),
};

const MESSAGE_MAX = 1000;

/**
 * The outcome with its subject, message and hint on one printable line each (control characters from cluster
 * data escaped, overlong text cut): what is stored and printed never carries terminal escapes.
 */
export function printableOutcome(o: Outcome): Outcome {
  const out: Outcome = {
    ...o,
    subject: printableLine(o.subject, 253),
    message: printableLine(o.message, MESSAGE_MAX),
  };
  if (o.hint !== undefined) out.hint = printableLine(o.hint, MESSAGE_MAX);
  if (o.evidence !== undefined) out.evidence = printableEvidence(o.evidence) as Record<string, unknown>;
  return out;
}

/** Evidence with every string value sanitised like messages (snippets of outside output live here). */
function printableEvidence(value: unknown): unknown {
  if (typeof value === 'string') return printableLine(value, MESSAGE_MAX);
  if (Array.isArray(value)) return value.map(printableEvidence);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableEvidence(v)]));
  return value;
}

/**
 * A cluster-level error (could not evaluate) with its message sanitised like outcome messages.
 * @example printableError({ code: 'access-denied', message: 'Bearer abc… rejected' })
 */
export function printableError(e: { code: string; message: string }): { code: string; message: string } {
  return { code: e.code, message: printableLine(e.message, MESSAGE_MAX) };
}
