import { outcome } from '../outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { errorOutcome } from './error-outcome.ts';
import { hints } from './hints.ts';
import { agentContainer } from './sampling.ts';

const ID = 'component.agent.rollout';

/** The agent DaemonSet is fully rolled out: a node without a Ready agent has no (or a stale) pod datapath. */
export const componentAgentRollout: CheckDefinition = {
  id: ID,
  layer: 'component',
  doc: 'DaemonSet kube-system/cilium has every desired agent ready, available and updated.',
  async run(facts) {
    try {
      const [ds, pods] = await Promise.all([facts.daemonSet(), facts.agentPods()]);
      if (!ds) {
        return [
          outcome.nonPass(
            'fail',
            ID,
            'cluster',
            'DaemonSet kube-system/cilium not found',
            'Is Cilium installed (Helm release in kube-system)? `kubectl -n kube-system get ds`.',
          ),
        ];
      }
      const notReady = pods.filter((p) => !p.ready);
      const crashing = pods.filter((p) => agentContainer(p).crashloop);
      const metrics = { desired: ds.desired, ready: ds.ready, available: ds.available, updated: ds.updated };
      const evidence = {
        notReady: notReady.map((p) => ({
          pod: p.name,
          node: p.nodeName,
          reason: agentContainer(p).container?.reason ?? p.pendingReason,
        })),
        images: ds.images,
      };
      const counts = `desired ${ds.desired}, ready ${ds.ready}, available ${ds.available}, updated ${ds.updated}`;
      if (ds.desired === 0) {
        return [
          outcome.nonPass(
            'fail',
            ID,
            'cluster',
            'DaemonSet cilium schedules no agents (desired 0)',
            'Check the DaemonSet nodeSelector/tolerations and node taints.',
            { metrics, evidence },
          ),
        ];
      }
      if (ds.ready < ds.desired || ds.available < ds.desired || notReady.length > 0) {
        const first = crashing[0] ?? notReady[0];
        const hint = crashing[0]
          ? hints.crashloop(crashing[0].name)
          : `Agents not Ready: \`kubectl -n kube-system describe pod ${first?.name ?? '<pod>'}\` (readiness probe = agent health) and \`kubectl -n kube-system logs ${first?.name ?? '<pod>'} -c cilium-agent\`; pods on those nodes get no (or stale) networking.`;
        const names = notReady.map((p) => `${p.name}@${p.nodeName ?? '?'}`).join(', ');
        return [
          outcome.nonPass('fail', ID, 'cluster', `${counts}${names ? `; not ready: ${names}` : ''}`, hint, {
            metrics,
            evidence,
          }),
        ];
      }
      if (ds.updated < ds.desired) {
        return [
          outcome.nonPass(
            'warn',
            ID,
            'cluster',
            `rollout in progress: ${counts}`,
            'An agent upgrade or config change is rolling out: `kubectl -n kube-system rollout status ds/cilium`; if it is stuck, look at the newest pods.',
            { metrics, evidence },
          ),
        ];
      }
      return [
        outcome.pass(ID, 'cluster', `all ${ds.desired} agents ready and up to date`, { metrics, evidence }),
      ];
    } catch (err) {
      return [errorOutcome(ID, 'cluster', err, 'read DaemonSet kube-system/cilium')];
    }
  },
};
