import { snippet } from '../cilium/parse-result.ts';
import type { Outcome } from '../outcome.ts';
import type { ClusterDomain } from './cluster-domain.ts';
import type { CheckDefinition } from './definition.ts';
import { outcomes } from './outcomes.ts';
import { businessProbeScheduled } from './preconditions.ts';
import { probeJobProblem } from './probe-outcome.ts';

const ID = 'business.dns.resolve';
const o = outcomes(ID);
const SUBJECT = 'dns';
const HINT =
  'Cluster DNS is failing: check CoreDNS pods (`kubectl -n kube-system get pods -l k8s-app=kube-dns`), the kube-dns ' +
  'Service and its Endpoints (`kubectl -n kube-system get svc,endpoints kube-dns`), CoreDNS logs, and policies dropping ' +
  'UDP/TCP 53 (`hubble observe --verdict DROPPED --port 53`).';

/**
 * The line of busybox nslookup output that says what went wrong (`** server can't find …: NXDOMAIN`,
 * `;; connection timed out; no servers could be reached`, `*** Can't find …: No answer`, an `nslookup:` error;
 * networking/nslookup.c, mirror/busybox 1_36_1), printable and short; else the first non-empty line.
 * @example errorLine("Server:\t\t10.96.0.10\n\n** server can't find x: NXDOMAIN\n") // "** server can't find x: NXDOMAIN"
 */
function errorLine(log: string): string {
  const lines = log.split('\n').map((l) => l.trim());
  const line =
    lines.find((l) => /^\*\*|^;;|can't|nslookup:|timed out|NXDOMAIN|SERVFAIL|REFUSED/i.test(l)) ??
    lines.find((l) => l !== '') ??
    '';
  return snippet(line);
}

function domainNote(d: ClusterDomain): string {
  return d.source === 'coredns'
    ? `cluster domain ${d.domain} (CoreDNS Corefile)`
    : `cluster domain ${d.domain} (default: CoreDNS ConfigMap kube-system/coredns not readable or without a kubernetes zone)`;
}

/**
 * What workloads see: can a fresh pod resolve the API service name through cluster DNS? The name carries the
 * cluster's own domain (read from the CoreDNS Corefile), never a hard-coded `cluster.local`.
 */
export const businessDnsResolve: CheckDefinition = {
  id: ID,
  layer: 'business',
  doc: 'A probe pod resolves kubernetes.default.svc.<cluster domain> (domain from the CoreDNS Corefile) through cluster DNS; NXDOMAIN or timeout fails quoting the nslookup error line.',
  requires: [businessProbeScheduled],
  subject: SUBJECT,
  async run(facts): Promise<Outcome[]> {
    const r = await facts.probeJob();
    const problem = probeJobProblem(ID, SUBJECT, r);
    if (problem || r.kind !== 'done') return [problem as Outcome];
    const c = r.containers.find((x) => x.plan.kind === 'dns');
    if (!c)
      return [o.error(SUBJECT, 'probe Job had no DNS container result', 'Internal: see fleetcheck logs.')];
    const domain = await facts.clusterDomain();
    const name = c.plan.target;
    const evidence = {
      job: r.jobName,
      exitCode: c.exitCode,
      log: c.log.slice(0, 200),
      clusterDomain: domain.domain,
      domainSource: domain.source,
    };
    const quoted = errorLine(c.log);
    switch (c.state) {
      case 'ok':
        return [o.pass(SUBJECT, `${name} resolves (${domainNote(domain)})`, { evidence })];
      case 'nxdomain':
        return [
          o.fail(SUBJECT, `${name} does not resolve (${domainNote(domain)}): ${quoted}`, HINT, { evidence }),
        ];
      case 'timeout':
        return [o.fail(SUBJECT, `DNS lookup of ${name} timed out: ${quoted}`, HINT, { evidence })];
      case 'unknown':
        return [
          o.error(SUBJECT, 'DNS probe container did not finish', 'Check the probe Job pod events.', {
            evidence,
          }),
        ];
      default:
        return [
          o.fail(SUBJECT, `DNS lookup of ${name} failed (exit ${c.exitCode}): ${quoted}`, HINT, { evidence }),
        ];
    }
  },
};
