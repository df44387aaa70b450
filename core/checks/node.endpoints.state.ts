import type { CheckDefinition } from './definition.ts';
import { persistentlyNotReady } from './endpoint-settle.ts';
import { outcomes } from './outcomes.ts';
import { endpointCrdEnabled } from './preconditions.ts';

const ID = 'node.endpoints.state';
const o = outcomes(ID);
const HINTS: Record<string, string> = {
  'waiting-for-identity':
    'Endpoints wait for a security identity: the agent cannot allocate identities (CiliumIdentity CRD writes / kvstore); check the operator and agent logs for "identity".',
  'not-ready':
    'Endpoints not ready: policy or BPF program regeneration failed; `cilium-dbg endpoint get <id>` on the node shows the failing controller/log.',
  regenerating:
    'Endpoints stuck regenerating: BPF compilation/loading is slow or failing (agent CPU, clang errors in the agent log).',
  invalid:
    'Invalid endpoints: the agent rejected their configuration; `cilium-dbg endpoint get <id>` and the agent log.',
};
const DEFAULT_HINT =
  'Endpoints not in `ready`: `kubectl get cep -A -o wide` (state column), then `cilium-dbg endpoint list` / `endpoint get <id>` on the node hosting them.';

/**
 * Pods whose endpoint is not `ready` have stale or no policy and may not pass traffic. Endpoints pass through
 * transitional states on every rollout, so those count only when they persist: endpoints in a transitional state are
 * re-read after `endpointsSettleMs` within the same run, and count only if still not ready (see endpoint-settle.ts).
 */
export const nodeEndpointsState: CheckDefinition = {
  id: ID,
  layer: 'node',
  doc: 'CiliumEndpoints (all namespaces) are `ready`; not-ready/invalid count at once, transitional states (regenerating, waiting-for-identity, restoring…) only when still so after a re-read `endpointsSettleMs` later; counts over the thresholds warn/fail.',
  requires: [endpointCrdEnabled],
  doing: 'list CiliumEndpoints',
  onError: {
    'not-found': {
      status: 'skip',
      message: 'CiliumEndpoint CRD not found (CiliumEndpointSlice-only or not installed)',
      hint: 'Check `kubectl get crd ciliumendpoints.cilium.io`.',
    },
  },
  async run(facts) {
    const { endpointsWarn, endpointsFail } = facts.settings;
    const { summary, byState: counts, bad, settled } = await persistentlyNotReady(facts);
    const notReady = Object.values(counts).reduce((a, b) => a + b, 0);
    const metrics: Record<string, number> = { total: summary.total, notReady, settled };
    for (const [state, n] of Object.entries(summary.byState)) metrics[`state_${state}`] = n;
    const evidence = {
      counts,
      notReady: bad.slice(0, 25).map((e) => `${e.namespace}/${e.name} (${e.state})`),
      ...(settled > 0 ? { settledAfterReRead: settled } : {}),
    };
    const byState = Object.entries(counts).filter(([s]) => s !== 'ready' && s !== 'unknown');
    const worstState = byState.sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    const hint = HINTS[worstState] ?? DEFAULT_HINT;
    const msg = `${notReady}/${summary.total} endpoints not ready (${byState.map(([s, n]) => `${s}: ${n}`).join(', ')})`;
    if (notReady >= endpointsFail) return [o.fail('cluster', msg, hint, { metrics, evidence })];
    if (notReady >= endpointsWarn && notReady > 0)
      return [o.warn('cluster', msg, hint, { metrics, evidence })];
    const note = settled > 0 ? ` (${settled} in a transitional state became ready on re-read)` : '';
    const verdict =
      notReady === 0 ? `${summary.total} endpoints, all ready${note}` : `${summary.total} endpoints; ${msg}`;
    return [o.pass('cluster', verdict, { metrics, evidence })];
  },
};
