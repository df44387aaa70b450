import { isFleetcheckError } from '../errors.ts';
import { type Outcome, outcome } from '../outcome.ts';
import { hints } from './hints.ts';

/** `verb resource in namespace ns` from an access-denied error's context. */
export function permission(ctx: Record<string, unknown>): string {
  const verb = typeof ctx['verb'] === 'string' ? ctx['verb'] : 'access';
  const resource = typeof ctx['resource'] === 'string' ? ctx['resource'] : 'a resource';
  const ns = typeof ctx['namespace'] === 'string' ? ` in namespace ${ctx['namespace']}` : '';
  return `${verb} ${resource}${ns}`;
}

/**
 * Turns a thrown error into an `error` outcome (could not evaluate) with a hint; never a `fail`.
 * @example errorOutcome('component.agent.rollout', 'cluster', err)
 */
export function errorOutcome(check: string, subject: string, err: unknown, what = 'evaluate'): Outcome {
  if (isFleetcheckError(err)) {
    const evidence = { code: err.code };
    switch (err.code) {
      case 'access-denied':
        return outcome.nonPass(
          'error',
          check,
          subject,
          `could not ${what}: ${err.message}`,
          hints.rbac(permission(err.context)),
          {
            evidence,
          },
        );
      case 'timeout':
        return outcome.nonPass(
          'error',
          check,
          subject,
          `could not ${what}: ${err.message}`,
          'The API server or the call timed out; retry, and check API server load (`apiserver_request_duration_seconds`) and network latency.',
          { evidence },
        );
      case 'unreachable':
        return outcome.nonPass(
          'error',
          check,
          subject,
          `could not ${what}: ${err.message}`,
          hints.unreachableCluster,
          {
            evidence,
          },
        );
      case 'rate-limited':
      case 'server-error':
        return outcome.nonPass(
          'error',
          check,
          subject,
          `could not ${what}: ${err.message}`,
          'The API server kept failing or throttling (429/5xx) after retries: check its health and priority-and-fairness limits.',
          { evidence },
        );
      default:
        return outcome.nonPass(
          'error',
          check,
          subject,
          `could not ${what}: ${err.message}`,
          'Retry; if it persists, check the API server and fleetcheck logs.',
          {
            evidence,
          },
        );
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return outcome.nonPass(
    'error',
    check,
    subject,
    `could not ${what}: ${message}`,
    'Unexpected error inside fleetcheck; see its logs.',
    {
      evidence: { code: 'internal' },
    },
  );
}

/** True when the error is the run's own abort (cluster deadline). */
export function isAbort(err: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (err instanceof Error && err.name === 'AbortError');
}
