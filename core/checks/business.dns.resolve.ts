import { type Outcome, outcome } from '../outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { API_SERVICE_HOST } from './probe-job-spec.ts';
import { probeJobProblem } from './probe-outcome.ts';

const ID = 'business.dns.resolve';
const HINT =
  'Cluster DNS is failing: check CoreDNS pods (`kubectl -n kube-system get pods -l k8s-app=kube-dns`), the kube-dns ' +
  'Service and its Endpoints (`kubectl -n kube-system get svc,endpoints kube-dns`), CoreDNS logs, and policies dropping ' +
  'UDP/TCP 53 (`hubble observe --verdict DROPPED --port 53`).';

/** What workloads see: can a fresh pod resolve the API service name through cluster DNS? */
export const businessDnsResolve: CheckDefinition = {
  id: ID,
  layer: 'business',
  doc: `A probe pod resolves ${API_SERVICE_HOST} through cluster DNS (NXDOMAIN or timeout fails).`,
  async run(facts): Promise<Outcome[]> {
    const subject = 'dns';
    if (!facts.settings.runBusiness)
      return [probeJobProblem(ID, subject, { kind: 'error', error: null }, false) as Outcome];
    const r = await facts.probeJob();
    const problem = probeJobProblem(ID, subject, r, true);
    if (problem || r.kind !== 'done') return [problem as Outcome];
    const c = r.containers.find((x) => x.plan.kind === 'dns');
    if (!c)
      return [
        outcome.nonPass(
          'error',
          ID,
          subject,
          'probe Job had no DNS container result',
          'Internal: see fleetcheck logs.',
        ),
      ];
    const evidence = { job: r.jobName, exitCode: c.exitCode, log: c.log.slice(0, 200) };
    switch (c.state) {
      case 'ok':
        return [outcome.pass(ID, subject, `${API_SERVICE_HOST} resolves`, { evidence })];
      case 'nxdomain':
        return [
          outcome.nonPass(
            'fail',
            ID,
            subject,
            `${API_SERVICE_HOST} does not resolve (NXDOMAIN/failure): ${c.log.split('\n')[0] ?? ''}`,
            HINT,
            { evidence },
          ),
        ];
      case 'timeout':
        return [
          outcome.nonPass('fail', ID, subject, `DNS lookup of ${API_SERVICE_HOST} timed out`, HINT, {
            evidence,
          }),
        ];
      case 'unknown':
        return [
          outcome.nonPass(
            'error',
            ID,
            subject,
            'DNS probe container did not finish',
            'Check the probe Job pod events.',
            { evidence },
          ),
        ];
      default:
        return [
          outcome.nonPass(
            'fail',
            ID,
            subject,
            `DNS lookup failed (exit ${c.exitCode}): ${c.log.split('\n')[0] ?? ''}`,
            HINT,
            { evidence },
          ),
        ];
    }
  },
};
