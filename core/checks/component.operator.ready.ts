import { outcome } from '../outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { errorOutcome } from './error-outcome.ts';

const ID = 'component.operator.ready';
const HINT =
  '`kubectl -n kube-system describe deploy cilium-operator` and `kubectl -n kube-system logs deploy/cilium-operator`: ' +
  'without an operator, IPAM allocations (ENI / cluster-pool), identity GC and CiliumEndpoint GC stop; new nodes get no pod CIDR.';

/** The operator runs IPAM and garbage collection; when none is ready, new nodes and pods stop getting addresses. */
export const componentOperatorReady: CheckDefinition = {
  id: ID,
  layer: 'component',
  doc: 'Deployment kube-system/cilium-operator has its desired replicas ready (none ready fails, some missing warns).',
  async run(facts) {
    try {
      const d = await facts.operator();
      if (!d)
        return [
          outcome.nonPass('fail', ID, 'cluster', 'Deployment kube-system/cilium-operator not found', HINT),
        ];
      const metrics = { desired: d.desired, ready: d.ready, available: d.available };
      const counts = `${d.ready}/${d.desired} replicas ready`;
      if (d.desired > 0 && d.ready === 0)
        return [outcome.nonPass('fail', ID, 'cluster', `no operator ready (${counts})`, HINT, { metrics })];
      if (d.ready < d.desired) {
        return [
          outcome.nonPass(
            'warn',
            ID,
            'cluster',
            `operator degraded: ${counts}`,
            `Leader election keeps one replica working, but HA is lost. ${HINT}`,
            { metrics },
          ),
        ];
      }
      if (d.desired === 0)
        return [outcome.nonPass('fail', ID, 'cluster', 'cilium-operator scaled to 0', HINT, { metrics })];
      return [outcome.pass(ID, 'cluster', counts, { metrics })];
    } catch (err) {
      return [errorOutcome(ID, 'cluster', err, 'read Deployment kube-system/cilium-operator')];
    }
  },
};
