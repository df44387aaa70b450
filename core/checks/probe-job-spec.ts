import { randomBytes } from 'node:crypto';
import type { ProbeTarget } from '../fleet/target.ts';
import type { JobContainerSpec, JobSpec } from '../kube/cluster-api.ts';

export const PROBE_LABEL = 'app.kubernetes.io/managed-by';
export const PROBE_LABEL_VALUE = 'fleetcheck';
const PROBE_IMAGE = 'busybox:1.36';
export const PROBE_ACTIVE_DEADLINE_SECONDS = 60;
const PROBE_TTL_SECONDS = 300;
/**
 * The API Service by a name the pod's DNS search path completes (`<ns>.svc.<domain> svc.<domain> <domain>`, ndots:5):
 * libc resolution in busybox `nc`/`wget` (xhost2sockaddr → getaddrinfo) applies it whatever the cluster domain is.
 */
const API_SERVICE_NAME = 'kubernetes.default.svc';

/**
 * The fully qualified API Service name the DNS probe looks up. busybox nslookup (networking/nslookup.c,
 * `add_query_with_search`, mirror/busybox 1_36_1) applies the search list only to names without a dot, so a
 * dotted name must carry the cluster domain itself.
 * @example apiServiceFqdn('corp.example') // 'kubernetes.default.svc.corp.example'
 */
function apiServiceFqdn(domain: string): string {
  return `${API_SERVICE_NAME}.${domain}`;
}

type ProbeKind = 'dns' | 'service';

export interface ProbeContainerPlan extends JobContainerSpec {
  kind: ProbeKind;
  /** What is probed, for messages: a host name, `host:port` or a URL. */
  target: string;
  label: string;
}

/** `-vv`: busybox `nc -z` is silent on failure otherwise, and reports refusals only at `-vv`. */
function targetArgv(t: ProbeTarget): string[] {
  if (/^https?:\/\//i.test(t.target)) return ['wget', '-T', '3', '-q', '-O', '-', t.target];
  const i = t.target.lastIndexOf(':');
  const host = i > 0 ? t.target.slice(0, i).replace(/^\[|\]$/g, '') : t.target;
  const port = i > 0 ? t.target.slice(i + 1) : '80';
  return ['nc', '-vv', '-z', '-w', '3', host, port];
}

/** The probe containers (busybox, argv only): DNS in `domain`, the API service, then each configured target. */
export function probeContainers(targets: ProbeTarget[], domain: string): ProbeContainerPlan[] {
  const base = { image: PROBE_IMAGE };
  const fqdn = apiServiceFqdn(domain);
  return [
    {
      ...base,
      name: 'dns',
      kind: 'dns',
      target: fqdn,
      label: 'cluster DNS',
      argv: ['nslookup', fqdn],
    },
    {
      ...base,
      name: 'api',
      kind: 'service',
      target: `${API_SERVICE_NAME}:443`,
      label: 'kubernetes API service',
      argv: ['nc', '-vv', '-z', '-w', '3', API_SERVICE_NAME, '443'],
    },
    ...targets.map((t, i) => ({
      ...base,
      name: `target-${i}`,
      kind: 'service' as const,
      target: t.target,
      label: t.name ?? t.target,
      argv: targetArgv(t),
    })),
  ];
}

/** A fresh Job spec `fleetcheck-probe-<random>` with the fleetcheck label, deadline and TTL. */
export function probeJobSpec(namespace: string, containers: ProbeContainerPlan[]): JobSpec {
  return {
    namespace,
    name: `fleetcheck-probe-${randomBytes(4).toString('hex')}`,
    labels: { [PROBE_LABEL]: PROBE_LABEL_VALUE, 'app.kubernetes.io/name': 'fleetcheck-probe' },
    containers: containers.map(({ name, image, argv }) => ({ name, image, argv })),
    activeDeadlineSeconds: PROBE_ACTIVE_DEADLINE_SECONDS,
    ttlSecondsAfterFinished: PROBE_TTL_SECONDS,
  };
}
