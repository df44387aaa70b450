import type { Outcome } from '../outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { outcomes } from './outcomes.ts';
import { hubbleEnabled } from './preconditions.ts';

const ID = 'component.hubble.ready';
const o = outcomes(ID);
const AGENT_HINT =
  'Hubble in the agent is not Ok: `cilium-dbg status --verbose` (Hubble line) and the agent log ("hubble"); ' +
  'check the hubble TLS certificates (hubble-server-certs) and `enable-hubble` in cilium-config.';
const RELAY_HINT =
  '`kubectl -n kube-system describe deploy hubble-relay` and its logs: relay needs the hubble-relay-client-certs ' +
  'secret and port 4244 open to every agent; without relay, `hubble observe` and the UI see nothing.';

/** Hubble is what on-call uses to see drops; when it is enabled it must work (skipped when disabled). */
export const componentHubbleReady: CheckDefinition = {
  id: ID,
  layer: 'component',
  doc: 'When Hubble is enabled, every sampled agent reports Hubble Ok and Deployment hubble-relay (if deployed) is ready.',
  requires: [hubbleEnabled],
  doing: 'read Hubble state',
  async run(facts): Promise<Outcome[]> {
    const statuses = await facts.agentStatus();
    const ok = statuses.flatMap((s) => (s.kind === 'ok' ? [{ node: s.node, hubble: s.value.hubble }] : []));
    if (ok.length === 0) {
      const message = 'no sampled agent answered, cannot tell whether Hubble works';
      return [o.error('cluster', message, 'See component.agent.status for why agents did not answer.')];
    }
    const relay = await facts.relay();
    const bad = ok.filter(
      (s) => s.hubble?.state === 'Failure' || s.hubble?.state === 'Disabled' || !s.hubble,
    );
    const warn = ok.filter((s) => s.hubble?.state === 'Warning');
    const evidence = {
      agents: Object.fromEntries(ok.map((s) => [s.node, s.hubble?.state ?? 'absent'])),
      relay: relay ? { desired: relay.desired, ready: relay.ready } : 'not deployed',
    };
    const detail = (xs: typeof ok) =>
      xs.map((s) => `${s.node}${s.hubble?.msg ? ` (${s.hubble.msg})` : ''}`).join(', ');
    if (bad.length > 0) {
      const message = `Hubble not Ok on ${bad.length}/${ok.length} sampled agents: ${detail(bad)}`;
      return [o.fail('cluster', message, AGENT_HINT, { evidence })];
    }
    if (relay && relay.desired > 0 && relay.ready === 0) {
      const message = `hubble-relay has no ready replica (0/${relay.desired})`;
      return [o.fail('cluster', message, RELAY_HINT, { evidence })];
    }
    if (warn.length > 0)
      return [o.warn('cluster', `Hubble Warning on ${detail(warn)}`, AGENT_HINT, { evidence })];
    if (relay && relay.ready < relay.desired) {
      const message = `hubble-relay degraded (${relay.ready}/${relay.desired})`;
      return [o.warn('cluster', message, RELAY_HINT, { evidence })];
    }
    const relayMsg = relay ? `, relay ${relay.ready}/${relay.desired} ready` : ', relay not deployed';
    return [o.pass('cluster', `Hubble Ok on ${ok.length} sampled agents${relayMsg}`, { evidence })];
  },
};
