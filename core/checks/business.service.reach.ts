import { type Outcome, outcome } from '../outcome.ts';
import type { CheckDefinition } from './definition.ts';
import type { ProbeContainerResult } from './probe-job.ts';
import { probeContainers } from './probe-job-spec.ts';
import { probeJobProblem } from './probe-outcome.ts';

const ID = 'business.service.reach';
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
  const evidence = {
    job,
    container: c.plan.name,
    argv: c.plan.argv,
    exitCode: c.exitCode,
    log: c.log.slice(0, 200),
  };
  if (c.state === 'ok') return outcome.pass(ID, subject, `${c.plan.target} reachable`, { evidence });
  if (c.state === 'unknown') {
    return outcome.nonPass(
      'error',
      ID,
      subject,
      `probe of ${c.plan.target} did not finish`,
      'Check the probe Job pod events.',
      { evidence },
    );
  }
  if (c.state === 'dns-error') {
    return outcome.nonPass(
      'error',
      ID,
      subject,
      `could not probe ${c.plan.target}: the name did not resolve`,
      HINTS['dns-error'],
      { evidence },
    );
  }
  const hint = HINTS[c.state as keyof typeof HINTS] ?? HINTS.failed;
  const first = c.log.split('\n')[0] ?? '';
  return outcome.nonPass(
    'fail',
    ID,
    subject,
    `${c.plan.target}: ${c.state}${first ? ` (${first})` : ''}`,
    hint,
    { evidence },
  );
}

/** What workloads see: a fresh pod connects to the API service and each configured business target. */
export const businessServiceReach: CheckDefinition = {
  id: ID,
  layer: 'business',
  doc: 'A probe pod connects to the kubernetes API Service (443) and every configured probe target (refused / timeout fail).',
  async run(facts): Promise<Outcome[]> {
    if (!facts.settings.runBusiness)
      return [probeJobProblem(ID, 'services', { kind: 'error', error: null }, false) as Outcome];
    const r = await facts.probeJob();
    const problem = probeJobProblem(ID, 'services', r, true);
    if (problem) {
      // One outcome per service target, under the same subjects as a completed probe, so history lines up.
      const plans = probeContainers(facts.target.probeTargets, '').filter((p) => p.kind === 'service');
      return plans.map((p) => ({ ...problem, subject: p.label }));
    }
    if (r.kind !== 'done') return [];
    return r.containers.filter((c) => c.plan.kind === 'service').map((c) => judge(c, r.jobName));
  },
};
