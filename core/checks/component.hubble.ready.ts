import { type Outcome, outcome } from '../outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { errorOutcome } from './error-outcome.ts';

const ID = 'component.hubble.ready';
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
  async run(facts): Promise<Outcome[]> {
    try {
      const [config, statuses] = await Promise.all([
        facts.ciliumConfig().catch(() => null),
        facts.agentStatus(),
      ]);
      const ok = statuses.flatMap((s) => (s.kind === 'ok' ? [{ node: s.node, hubble: s.value.hubble }] : []));
      const configured = config?.['enable-hubble'];
      const reportsEnabled = ok.some((s) => s.hubble?.state && s.hubble.state !== 'Disabled');
      if (configured !== 'true' && !reportsEnabled) {
        if (configured === undefined && ok.length === 0) {
          return [
            outcome.nonPass(
              'error',
              ID,
              'cluster',
              'cannot tell whether Hubble is enabled: no agent status and no enable-hubble key',
              'See component.agent.status for why agents did not answer.',
            ),
          ];
        }
        return [
          outcome.nonPass(
            'skip',
            ID,
            'cluster',
            'Hubble is disabled',
            'Enable it (`hubble.enabled=true`) to get flow visibility for troubleshooting.',
          ),
        ];
      }
      if (ok.length === 0) {
        return [
          outcome.nonPass(
            'error',
            ID,
            'cluster',
            'no sampled agent answered, cannot tell whether Hubble works',
            'See component.agent.status for why agents did not answer.',
          ),
        ];
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
        return [
          outcome.nonPass(
            'fail',
            ID,
            'cluster',
            `Hubble not Ok on ${bad.length}/${ok.length} sampled agents: ${detail(bad)}`,
            AGENT_HINT,
            { evidence },
          ),
        ];
      }
      if (relay && relay.desired > 0 && relay.ready === 0) {
        return [
          outcome.nonPass(
            'fail',
            ID,
            'cluster',
            `hubble-relay has no ready replica (0/${relay.desired})`,
            RELAY_HINT,
            { evidence },
          ),
        ];
      }
      if (warn.length > 0) {
        return [
          outcome.nonPass('warn', ID, 'cluster', `Hubble Warning on ${detail(warn)}`, AGENT_HINT, {
            evidence,
          }),
        ];
      }
      if (relay && relay.ready < relay.desired) {
        return [
          outcome.nonPass(
            'warn',
            ID,
            'cluster',
            `hubble-relay degraded (${relay.ready}/${relay.desired})`,
            RELAY_HINT,
            { evidence },
          ),
        ];
      }
      const relayMsg = relay ? `, relay ${relay.ready}/${relay.desired} ready` : ', relay not deployed';
      return [
        outcome.pass(ID, 'cluster', `Hubble Ok on ${ok.length} sampled agents${relayMsg}`, { evidence }),
      ];
    } catch (err) {
      return [errorOutcome(ID, 'cluster', err, 'read Hubble state')];
    }
  },
};
