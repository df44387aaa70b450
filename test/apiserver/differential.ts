import { jobManifest } from '../../core/kube/job-manifest.ts';
import { SELECTOR_STEPS } from './differential-selectors.ts';
import type { Step, Target } from './differential-step.ts';
import { type KubeResponse, kubeRequest } from './kube-http.ts';

const PROBE = 'fleetcheck-probe';
const KS = 'kube-system';
const jobIn = (namespace: string) =>
  jobManifest({
    namespace,
    name: 'diff-probe',
    labels: { 'app.kubernetes.io/managed-by': 'fleetcheck' },
    activeDeadlineSeconds: 60,
    ttlSecondsAfterFinished: 300,
    containers: [
      { name: 'dns', image: 'busybox:1.36', argv: ['nslookup', 'kubernetes.default.svc.cluster.local'] },
    ],
  });
const job = jobIn(PROBE);
const upgrade = {
  Connection: 'Upgrade',
  Upgrade: 'websocket',
  'Sec-WebSocket-Version': '13',
  'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Protocol': 'v5.channel.k8s.io',
};
const continueOf = (r: KubeResponse | undefined) =>
  encodeURIComponent(
    String((r?.json as { metadata?: { continue?: string } } | undefined)?.metadata?.continue ?? ''),
  );

/** The request sequence run against the simulator and a real kube-apiserver alike. */
export const STEPS: Step[] = [
  { name: 'version, anonymous', who: 'anonymous', method: 'GET', path: '/version' },
  { name: 'list nodes', who: 'fleetcheck', method: 'GET', path: '/api/v1/nodes' },
  { name: 'list nodes, page 1', who: 'fleetcheck', method: 'GET', path: '/api/v1/nodes?limit=1' },
  {
    name: 'list nodes, page 2',
    who: 'fleetcheck',
    method: 'GET',
    path: (p) => `/api/v1/nodes?limit=1&continue=${continueOf(p.at(-1))}`,
  },
  {
    name: 'list nodes, bad continue',
    who: 'fleetcheck',
    method: 'GET',
    path: '/api/v1/nodes?limit=1&continue=bm90LWEtdG9rZW4',
  },
  {
    name: 'list nodes, continue not base64',
    who: 'fleetcheck',
    method: 'GET',
    path: '/api/v1/nodes?limit=1&continue=ab%3D%3D',
  },
  {
    name: 'list nodes, continue with a string rv',
    who: 'fleetcheck',
    method: 'GET',
    path: `/api/v1/nodes?limit=1&continue=${Buffer.from('{"v":"meta.k8s.io/v1","rv":"7","start":"a"}').toString('base64url')}`,
  },
  {
    name: 'list nodes, continue cut short',
    who: 'fleetcheck',
    method: 'GET',
    path: `/api/v1/nodes?limit=1&continue=${Buffer.from('{"v":"meta.k8s.io/v1",').toString('base64url')}`,
  },
  {
    name: 'list agents by label, page 1',
    who: 'fleetcheck',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/pods?labelSelector=k8s-app%3Dcilium&limit=1`,
  },
  {
    name: 'list agents by label and field',
    who: 'fleetcheck',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/pods?labelSelector=k8s-app%3Dcilium&fieldSelector=spec.nodeName%3Dnode-1`,
  },
  {
    name: 'bad label selector',
    who: 'fleetcheck',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/pods?labelSelector=k8s-app%3D%3D%3D`,
  },
  {
    name: 'label selector, set without parentheses',
    who: 'fleetcheck',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/pods?labelSelector=k8s-app%20in%20cilium`,
  },
  {
    name: 'label selector, set missing a comma',
    who: 'fleetcheck',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/pods?labelSelector=k8s-app%20in%20%28a%20b%29`,
  },
  {
    name: 'label selector, leading comma',
    who: 'fleetcheck',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/pods?labelSelector=%2Ck8s-app`,
  },
  {
    name: 'label selector, two values',
    who: 'fleetcheck',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/pods?labelSelector=k8s-app%3Da%20b`,
  },
  {
    name: 'label selector, unknown operator',
    who: 'fleetcheck',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/pods?labelSelector=k8s-app%3D%21a`,
  },
  ...SELECTOR_STEPS,
  {
    name: 'list ciliumendpoints',
    who: 'fleetcheck',
    method: 'GET',
    path: '/apis/cilium.io/v2/ciliumendpoints?limit=2',
  },
  {
    name: 'get cilium-config',
    who: 'fleetcheck',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/configmaps/cilium-config`,
  },
  {
    name: 'get hubble-relay',
    who: 'fleetcheck',
    method: 'GET',
    path: `/apis/apps/v1/namespaces/${KS}/deployments/hubble-relay`,
  },
  { name: 'get probe namespace', who: 'fleetcheck', method: 'GET', path: `/api/v1/namespaces/${PROBE}` },
  {
    name: 'get a DaemonSet not named in the Role',
    who: 'fleetcheck',
    method: 'GET',
    path: `/apis/apps/v1/namespaces/${KS}/daemonsets/missing`,
  },
  {
    name: 'get a missing DaemonSet',
    who: 'admin',
    method: 'GET',
    path: `/apis/apps/v1/namespaces/${KS}/daemonsets/missing`,
  },
  {
    name: 'get a missing Secret',
    who: 'admin',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/secrets/missing`,
  },
  { name: 'get a missing namespace', who: 'admin', method: 'GET', path: '/api/v1/namespaces/missing' },
  { name: 'get another namespace', who: 'fleetcheck', method: 'GET', path: '/api/v1/namespaces/default' },
  {
    name: 'list DaemonSets',
    who: 'fleetcheck',
    method: 'GET',
    path: `/apis/apps/v1/namespaces/${KS}/daemonsets`,
  },
  {
    name: 'list pods of another namespace',
    who: 'fleetcheck',
    method: 'GET',
    path: '/api/v1/namespaces/default/pods',
  },
  { name: 'list pods of all namespaces', who: 'fleetcheck', method: 'GET', path: '/api/v1/pods' },
  { name: 'watch nodes', who: 'fleetcheck', method: 'GET', path: '/api/v1/nodes?watch=true' },
  {
    name: 'get a Secret not named in the Role',
    who: 'fleetcheck',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/secrets/other`,
  },
  {
    name: 'list nodes as the ServiceAccount',
    who: 'serviceaccount',
    method: 'GET',
    path: '/api/v1/nodes?limit=1',
  },
  {
    name: 'list agents as the ServiceAccount',
    who: 'serviceaccount',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/pods?labelSelector=k8s-app%3Dcilium`,
  },
  {
    name: 'get cilium-config as the ServiceAccount',
    who: 'serviceaccount',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/configmaps/cilium-config`,
  },
  {
    name: 'get a Secret not named in the Role as the ServiceAccount',
    who: 'serviceaccount',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/secrets/other`,
  },
  {
    name: 'list pods of all namespaces as the ServiceAccount',
    who: 'serviceaccount',
    method: 'GET',
    path: '/api/v1/pods',
  },
  {
    name: 'get the ServiceAccount itself',
    who: 'serviceaccount',
    method: 'GET',
    path: '/api/v1/namespaces/fleetcheck/serviceaccounts/fleetcheck',
  },
  {
    name: 'exec outside kube-system as the ServiceAccount',
    who: 'serviceaccount',
    method: 'GET',
    path: '/api/v1/namespaces/default/pods/x/exec?command=true&stdout=true',
    headers: upgrade,
  },
  {
    name: 'issuer discovery, not a ServiceAccount',
    who: 'fleetcheck',
    method: 'GET',
    path: '/.well-known/openid-configuration',
  },
  { name: 'bad token', who: 'bad-token', method: 'GET', path: '/api/v1/nodes' },
  { name: 'no token', who: 'anonymous', method: 'GET', path: '/api/v1/nodes' },
  {
    name: 'create the probe Job',
    who: 'fleetcheck',
    method: 'POST',
    path: `/apis/batch/v1/namespaces/${PROBE}/jobs`,
    body: job,
  },
  {
    name: 'create it again',
    who: 'fleetcheck',
    method: 'POST',
    path: `/apis/batch/v1/namespaces/${PROBE}/jobs`,
    body: job,
  },
  {
    name: 'create a Job elsewhere',
    who: 'fleetcheck',
    method: 'POST',
    path: '/apis/batch/v1/namespaces/default/jobs',
    body: job,
  },
  // The probe Job is created without looking its namespace up first: a missing namespace answers 404 to whoever
  // may create there, and 403 to fleetcheck, whose Role lived in it.
  {
    name: 'create a Job in a missing namespace',
    who: 'admin',
    method: 'POST',
    path: '/apis/batch/v1/namespaces/missing/jobs',
    body: jobIn('missing'),
  },
  {
    name: 'create the probe Job in a missing namespace',
    who: 'fleetcheck',
    method: 'POST',
    path: '/apis/batch/v1/namespaces/missing/jobs',
    body: jobIn('missing'),
  },
  {
    name: 'list probe Jobs in a missing namespace',
    who: 'fleetcheck',
    method: 'GET',
    path: '/apis/batch/v1/namespaces/missing/jobs?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dfleetcheck',
  },
  {
    name: 'delete the probe Job',
    who: 'fleetcheck',
    method: 'DELETE',
    path: `/apis/batch/v1/namespaces/${PROBE}/jobs/diff-probe?propagationPolicy=Background`,
  },
  {
    name: 'delete it again',
    who: 'fleetcheck',
    method: 'DELETE',
    path: `/apis/batch/v1/namespaces/${PROBE}/jobs/diff-probe`,
  },
  {
    name: 'exec into a missing pod',
    who: 'fleetcheck',
    method: 'GET',
    path: `/api/v1/namespaces/${KS}/pods/missing/exec?command=true&container=cilium-agent&stdout=true`,
    headers: upgrade,
  },
  {
    name: 'exec outside kube-system',
    who: 'fleetcheck',
    method: 'GET',
    path: '/api/v1/namespaces/default/pods/x/exec?command=true&stdout=true',
    headers: upgrade,
  },
];

/** What is compared of an answer: the status code, Status bodies whole, and the shape of objects and lists. */
function normalise(r: KubeResponse): unknown {
  const body = r.json as Record<string, unknown> | undefined;
  if (!body) return { status: r.status, text: r.text.trim() };
  if (body['kind'] === 'Status')
    return { status: r.status, body: { ...body, details: stripUid(body['details']) } };
  // Labels and annotations follow the seeding. managedFields is server-side-apply bookkeeping
  // (field owners and timestamps per manager): fleetcheck never reads it, the simulator keeps no
  // field ownership, so it is left out of the comparison rather than emulated.
  const {
    managedFields: _m,
    labels: _l,
    annotations: _a,
    ...meta
  } = (body['metadata'] ?? {}) as Record<string, unknown>;
  const items = body['items'] as Record<string, unknown>[] | undefined;
  return {
    status: r.status,
    kind: body['kind'],
    apiVersion: body['apiVersion'],
    metadataKeys: Object.keys(meta).sort(),
    ...(items
      ? { items: items.length, itemKinds: [...new Set(items.map((i) => `${i['kind']}/${i['apiVersion']}`))] }
      : { name: meta['name'], keys: Object.keys(body).sort() }),
  };
}

function stripUid(details: unknown): unknown {
  if (!details || typeof details !== 'object') return details;
  const { uid: _uid, ...rest } = details as Record<string, unknown>;
  return rest;
}

/** Runs STEPS in order against one API server; the answers, normalised, by step name. */
export async function runSteps(t: Target): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const answers: KubeResponse[] = [];
  for (const s of STEPS) {
    const token = s.who === 'bad-token' ? 'not-a-token' : s.who === 'anonymous' ? null : t.tokens[s.who];
    const path = typeof s.path === 'string' ? s.path : s.path(answers);
    const r = await kubeRequest(t, token, s.method, path, s.body, s.headers);
    answers.push(r);
    out[s.name] = normalise(r);
  }
  return out;
}
