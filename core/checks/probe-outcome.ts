import { type Outcome, outcome } from '../outcome.ts';
import { errorOutcome } from './error-outcome.ts';
import type { ProbeJobResult } from './probe-job.ts';

/**
 * The outcome both business checks give when the probe Job itself did not produce results
 * (skipped, pending, timed out, API error), or null when it finished.
 */
export function probeJobProblem(
  check: string,
  subject: string,
  r: ProbeJobResult,
  runBusiness: boolean,
): Outcome | null {
  if (!runBusiness) {
    return outcome.nonPass(
      'skip',
      check,
      subject,
      'business probe not scheduled in this sweep (runs every Nth sweep)',
      'Run a thorough sweep to probe DNS and services.',
    );
  }
  switch (r.kind) {
    case 'done':
      return null;
    case 'skipped':
      return outcome.nonPass('skip', check, subject, r.message, r.hint);
    case 'pending': {
      const image = /Image|ErrImage/.test(r.reason);
      const hint = image
        ? 'The probe image (busybox) cannot be pulled: check registry access / egress from the nodes or mirror busybox into your registry.'
        : 'The probe pod cannot be scheduled: check node capacity, taints vs tolerations and quotas in the probe namespace (`kubectl -n fleetcheck-probe describe pod`).';
      return outcome.nonPass('error', check, subject, `could not probe: ${r.message}`, hint, {
        evidence: { job: r.jobName, reason: r.reason },
      });
    }
    case 'timeout':
      return outcome.nonPass(
        'error',
        check,
        subject,
        `could not probe: ${r.message}`,
        'The probe Job did not complete before its deadline: look at the Job events and node capacity.',
        {
          evidence: { job: r.jobName },
        },
      );
    case 'error':
      return errorOutcome(check, subject, r.error, 'run the probe Job');
  }
}
