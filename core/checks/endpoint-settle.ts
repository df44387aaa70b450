import type { CiliumEndpointInfo, CiliumEndpointSummary } from '../kube/cluster-api.ts';
import type { ClusterFacts } from './facts.ts';

/**
 * Endpoint states an endpoint passes through on its way to `ready` or away (pod creation, policy or identity
 * change, agent restart, pod deletion). Names from Cilium's `models.EndpointState` (api/v1/models/endpoint_state.go,
 * identical in cilium/cilium-cli v0.15.7 → v0.19.1, i.e. Cilium 1.14 → 1.19) plus the CRD's `creating`
 * (pkg/k8s/apis/cilium.io/v2/types.go kubebuilder enum, cilium-cli v0.18.5). `not-ready` and `invalid` are
 * outcomes of a failed regeneration or a rejected endpoint, not steps, and count at once.
 */
const TRANSITIONAL_STATES: ReadonlySet<string> = new Set([
  'creating',
  'waiting-for-identity',
  'waiting-to-regenerate',
  'regenerating',
  'restoring',
  'disconnecting',
  'disconnected',
]);

const key = (e: CiliumEndpointInfo) => `${e.namespace}/${e.name}`;
const moving = (e: CiliumEndpointInfo) => e.state !== undefined && TRANSITIONAL_STATES.has(e.state);

export interface SettledEndpoints {
  /** The summary as last read. */
  summary: CiliumEndpointSummary;
  /** Not-ready count per state, a transitional state counted only for endpoints not ready in both reads. */
  byState: Record<string, number>;
  /** The counted endpoints (named ones, bounded by the summary's sample). */
  bad: CiliumEndpointInfo[];
  /** Endpoints in a transitional state at the first read that were ready (or gone) at the second. */
  settled: number;
}

function countBad(s: CiliumEndpointSummary): Record<string, number> {
  return Object.fromEntries(Object.entries(s.byState).filter(([state]) => state !== 'ready'));
}

/**
 * Reads the CiliumEndpoints; when some are in a transitional state, waits `endpointsSettleMs` (facts.sleep) and reads
 * again, so a rollout (many endpoints regenerating for a moment) is no failure but an endpoint stuck there is.
 * Endpoints are matched by namespace/name across the two reads' samples of not-ready endpoints: exact while at most
 * the sample size are not ready, a lower bound beyond (then far over any threshold anyway).
 * @example const { bad } = await persistentlyNotReady(facts) // bad: still regenerating after the wait
 */
export async function persistentlyNotReady(facts: ClusterFacts): Promise<SettledEndpoints> {
  const first = await facts.endpoints();
  const transitional = Object.entries(first.byState).filter(([s]) => TRANSITIONAL_STATES.has(s));
  const waitMs = facts.settings.endpointsSettleMs;
  if (transitional.length === 0 || waitMs <= 0)
    return { summary: first, byState: countBad(first), bad: first.notReadySample, settled: 0 };
  await facts.sleep(waitMs, facts.signal);
  const second = await facts.endpointsNow();
  const wasNotReady = new Set(first.notReadySample.map(key));
  const byState = countBad(second);
  for (const state of TRANSITIONAL_STATES) delete byState[state];
  const bad: CiliumEndpointInfo[] = [];
  for (const e of second.notReadySample) {
    if (!moving(e)) bad.push(e);
    else if (wasNotReady.has(key(e))) {
      bad.push(e);
      byState[e.state as string] = (byState[e.state as string] ?? 0) + 1;
    }
  }
  const stillNotReady = new Set(second.notReadySample.map(key));
  const settled = first.notReadySample.filter((e) => moving(e) && !stillNotReady.has(key(e))).length;
  return { summary: second, byState, bad, settled };
}
