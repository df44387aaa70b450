import type { PodInfo } from '../kube/cluster-api.ts';
import type { CheckDefinition } from './definition.ts';
import { hints } from './hints.ts';
import { outcomes } from './outcomes.ts';
import { agentContainer } from './sampling.ts';

const ID = 'component.agent.rollout';
const o = outcomes(ID);

function notReadyHint(pods: PodInfo[], notReady: PodInfo[]): string {
  const crashing = pods.find((p) => agentContainer(p).crashloop);
  if (crashing) return hints.crashloop(crashing.name);
  const pod = notReady[0]?.name ?? '<pod>';
  return `Agents not Ready: \`kubectl -n kube-system describe pod ${pod}\` (readiness probe = agent health) and \`kubectl -n kube-system logs ${pod} -c cilium-agent\`; pods on those nodes get no (or stale) networking.`;
}

/** The agent DaemonSet is fully rolled out: a node without a Ready agent has no (or a stale) pod datapath. */
export const componentAgentRollout: CheckDefinition = {
  id: ID,
  layer: 'component',
  doc: 'DaemonSet kube-system/cilium has every desired agent ready, available and updated.',
  doing: 'read DaemonSet kube-system/cilium',
  async run(facts) {
    const [ds, pods] = await Promise.all([facts.daemonSet(), facts.agentPods()]);
    if (!ds) {
      const hint = 'Is Cilium installed (Helm release in kube-system)? `kubectl -n kube-system get ds`.';
      return [o.fail('cluster', 'DaemonSet kube-system/cilium not found', hint)];
    }
    const notReady = pods.filter((p) => !p.ready);
    const metrics = { desired: ds.desired, ready: ds.ready, available: ds.available, updated: ds.updated };
    const evidence = {
      notReady: notReady.map((p) => ({
        pod: p.name,
        node: p.nodeName,
        reason: agentContainer(p).container?.reason ?? p.pendingReason,
      })),
      images: ds.images,
    };
    const extras = { metrics, evidence };
    const counts = `desired ${ds.desired}, ready ${ds.ready}, available ${ds.available}, updated ${ds.updated}`;
    if (ds.desired === 0) {
      const hint = 'Check the DaemonSet nodeSelector/tolerations and node taints.';
      return [o.fail('cluster', 'DaemonSet cilium schedules no agents (desired 0)', hint, extras)];
    }
    if (ds.ready < ds.desired || ds.available < ds.desired || notReady.length > 0) {
      const names = notReady.map((p) => `${p.name}@${p.nodeName ?? '?'}`).join(', ');
      const message = `${counts}${names ? `; not ready: ${names}` : ''}`;
      return [o.fail('cluster', message, notReadyHint(pods, notReady), extras)];
    }
    if (ds.updated < ds.desired) {
      const hint =
        'An agent upgrade or config change is rolling out: `kubectl -n kube-system rollout status ds/cilium`; if it is stuck, look at the newest pods.';
      return [o.warn('cluster', `rollout in progress: ${counts}`, hint, extras)];
    }
    return [o.pass('cluster', `all ${ds.desired} agents ready and up to date`, extras)];
  },
};
