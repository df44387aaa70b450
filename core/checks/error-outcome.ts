import { type ErrorCode, isFleetcheckError } from '../errors.ts';
import type { Outcome } from '../outcome.ts';
import { hints } from './hints.ts';
import { outcomes } from './outcomes.ts';

/** `verb resource in namespace ns` from an access-denied error's context. */
export function permission(ctx: Record<string, unknown>): string {
  const verb = typeof ctx['verb'] === 'string' ? ctx['verb'] : 'access';
  const resource = typeof ctx['resource'] === 'string' ? ctx['resource'] : 'a resource';
  const ns = typeof ctx['namespace'] === 'string' ? ` in namespace ${ctx['namespace']}` : '';
  return `${verb} ${resource}${ns}`;
}

const THROTTLED =
  'The API server kept failing or throttling (429/5xx) after retries: check its health and priority-and-fairness limits.';

/** The hint of each error kind; an access-denied hint names the missing permission. */
const HINTS: Partial<Record<ErrorCode, (ctx: Record<string, unknown>) => string>> = {
  'access-denied': (ctx) => hints.rbac(permission(ctx)),
  timeout: () =>
    'The API server or the call timed out; retry, and check API server load (`apiserver_request_duration_seconds`) and network latency.',
  unreachable: () => hints.unreachableCluster,
  'rate-limited': () => THROTTLED,
  'server-error': () => THROTTLED,
};

/**
 * Turns a thrown error into an `error` outcome (could not evaluate) with a hint; never a `fail`.
 * @example errorOutcome('component.agent.rollout', 'cluster', err)
 */
export function errorOutcome(check: string, subject: string, err: unknown, what = 'evaluate'): Outcome {
  const o = outcomes(check);
  if (isFleetcheckError(err)) {
    const hint =
      HINTS[err.code]?.(err.context) ?? 'Retry; if it persists, check the API server and fleetcheck logs.';
    return o.error(subject, `could not ${what}: ${err.message}`, hint, { evidence: { code: err.code } });
  }
  const message = err instanceof Error ? err.message : String(err);
  return o.error(
    subject,
    `could not ${what}: ${message}`,
    'Unexpected error inside fleetcheck; see its logs.',
    {
      evidence: { code: 'internal' },
    },
  );
}
