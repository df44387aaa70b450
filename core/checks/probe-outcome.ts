import type { Outcome } from '../outcome.ts';
import { errorOutcome } from './error-outcome.ts';
import { outcomes } from './outcomes.ts';
import type { ProbeJobResult } from './probe-job.ts';

const IMAGE_HINT =
  'The probe image (busybox) cannot be pulled: check registry access / egress from the nodes or mirror busybox into your registry.';
const SCHEDULE_HINT =
  'The probe pod cannot be scheduled: check node capacity, taints vs tolerations and quotas in the probe namespace (`kubectl -n fleetcheck-probe describe pod`).';

/**
 * The outcome both business checks give when the probe Job itself did not produce results
 * (skipped, pending, timed out, API error), or null when it finished.
 */
export function probeJobProblem(check: string, subject: string, r: ProbeJobResult): Outcome | null {
  const o = outcomes(check);
  switch (r.kind) {
    case 'done':
      return null;
    case 'skipped':
      return o.skip(subject, r.message, r.hint);
    case 'pending': {
      const hint = /Image|ErrImage/.test(r.reason) ? IMAGE_HINT : SCHEDULE_HINT;
      return o.error(subject, `could not probe: ${r.message}`, hint, {
        evidence: { job: r.jobName, reason: r.reason },
      });
    }
    case 'timeout':
      return o.error(
        subject,
        `could not probe: ${r.message}`,
        'The probe Job did not complete before its deadline: look at the Job events and node capacity.',
        { evidence: { job: r.jobName } },
      );
    case 'error':
      return errorOutcome(check, subject, r.error, 'run the probe Job');
  }
}
