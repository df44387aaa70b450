import type { CheckDefinition } from './definition.ts';
import { outcomes } from './outcomes.ts';

const ID = 'component.operator.ready';
const o = outcomes(ID);
const HINT =
  '`kubectl -n kube-system describe deploy cilium-operator` and `kubectl -n kube-system logs deploy/cilium-operator`: ' +
  'without an operator, IPAM allocations (ENI / cluster-pool), identity GC and CiliumEndpoint GC stop; new nodes get no pod CIDR.';

/** The operator runs IPAM and garbage collection; when none is ready, new nodes and pods stop getting addresses. */
export const componentOperatorReady: CheckDefinition = {
  id: ID,
  layer: 'component',
  doc: 'Deployment kube-system/cilium-operator has its desired replicas ready (none ready fails, some missing warns).',
  doing: 'read Deployment kube-system/cilium-operator',
  async run(facts) {
    const d = await facts.operator();
    if (!d) return [o.fail('cluster', 'Deployment kube-system/cilium-operator not found', HINT)];
    const metrics = { desired: d.desired, ready: d.ready, available: d.available };
    const counts = `${d.ready}/${d.desired} replicas ready`;
    if (d.desired > 0 && d.ready === 0)
      return [o.fail('cluster', `no operator ready (${counts})`, HINT, { metrics })];
    if (d.ready < d.desired) {
      const hint = `Leader election keeps one replica working, but HA is lost. ${HINT}`;
      return [o.warn('cluster', `operator degraded: ${counts}`, hint, { metrics })];
    }
    if (d.desired === 0) return [o.fail('cluster', 'cilium-operator scaled to 0', HINT, { metrics })];
    return [o.pass('cluster', counts, { metrics })];
  },
};
