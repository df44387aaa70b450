import type { Outcome } from '../outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { outcomes } from './outcomes.ts';
import { businessProbeScheduled } from './preconditions.ts';
import type { ProbeContainerResult } from './probe-job.ts';
import { probeContainers } from './probe-job-spec.ts';
import { probeJobProblem } from './probe-outcome.ts';

const ID = 'business.service.reach';
const o = outcomes(ID);
const HINTS = {
  refused:
    'Connection refused: the Service has no working backend. Check the backends are Running+Ready, the Service ' +
    'Endpoints/EndpointSlices are populated (`kubectl get endpointslices`), the targetPort, and hostPort support if used.',
  timeout:
    'Connection timed out: traffic is most likely dropped by a NetworkPolicy / CiliumNetworkPolicy: ' +
    '`hubble observe --verdict DROPPED --to-port <port>`; also check the service load-balancing (`cilium-dbg service list`).',
  'dns-error': 'The target name did not resolve: see business.dns.resolve and the probe target name.',
  'http-error':
    'The target answered with an HTTP error: the service is reachable but unhealthy; check its backends.',
  failed: 'The probe failed: read the probe log in evidence and the target service.',
} as const;

function judge(c: ProbeContainerResult, job: string): Outcome {
  const subject = c.plan.label;
  const target = c.plan.target;
  const evidence = {
    job,
    container: c.plan.name,
    argv: c.plan.argv,
    exitCode: c.exitCode,
    log: c.log.slice(0, 200),
  };
  switch (c.state) {
    case 'ok':
      return o.pass(subject, `${target} reachable`, { evidence });
    case 'unknown':
      return o.error(subject, `probe of ${target} did not finish`, 'Check the probe Job pod events.', {
        evidence,
      });
    case 'dns-error':
      return o.error(subject, `could not probe ${target}: the name did not resolve`, HINTS['dns-error'], {
        evidence,
      });
    default: {
      const hint = HINTS[c.state as keyof typeof HINTS] ?? HINTS.failed;
      const first = c.log.split('\n')[0] ?? '';
      return o.fail(subject, `${target}: ${c.state}${first ? ` (${first})` : ''}`, hint, { evidence });
    }
  }
}

/** What workloads see: a fresh pod connects to the API service and each configured business target. */
export const businessServiceReach: CheckDefinition = {
  id: ID,
  layer: 'business',
  doc: 'A probe pod connects to the kubernetes API Service (443) and every configured probe target (refused / timeout fail).',
  requires: [businessProbeScheduled],
  subject: 'services',
  async run(facts): Promise<Outcome[]> {
    const r = await facts.probeJob();
    const problem = probeJobProblem(ID, 'services', r);
    if (problem) {
      // One outcome per service target, under the same subjects as a completed probe, so history lines up.
      const plans = probeContainers(facts.target.probeTargets, '').filter((p) => p.kind === 'service');
      return plans.map((p) => ({ ...problem, subject: p.label }));
    }
    if (r.kind !== 'done') return [];
    return r.containers.filter((c) => c.plan.kind === 'service').map((c) => judge(c, r.jobName));
  },
};
