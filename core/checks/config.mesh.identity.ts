import { type Outcome, outcome } from '../outcome.ts';
import type { CheckDefinition } from './definition.ts';
import { errorOutcome } from './error-outcome.ts';

const ID = 'config.mesh.identity';
const NAME = /^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/;

/**
 * ClusterMesh needs a unique, valid cluster-name and a non-zero, unique cluster-id per cluster; clashes mix identities.
 * The local cluster's own entry in its clustermesh secret (a shared Helm list) is not a peer: agents ignore it. A
 * fleet name that differs from cluster-name is no finding: mesh pairs are matched by cluster-name (core/sweep/peers.ts).
 */
export const configMeshIdentity: CheckDefinition = {
  id: ID,
  layer: 'config',
  doc: 'cilium-config cluster-name / cluster-id are valid for ClusterMesh and do not clash with a peer (own secret entry ignored).',
  async run(facts): Promise<Outcome[]> {
    try {
      const [config, peers, views, statuses] = await Promise.all([
        facts.ciliumConfig(),
        facts.configuredPeers(),
        facts.meshViews(),
        facts.agentStatus(),
      ]);
      if (!config) {
        return [
          outcome.nonPass(
            'error',
            ID,
            'cluster',
            'ConfigMap kube-system/cilium-config not found',
            'Is Cilium installed in kube-system?',
          ),
        ];
      }
      const name = config['cluster-name'] ?? 'default';
      const idText = config['cluster-id'] ?? '0';
      const max = Number(config['max-connected-clusters'] ?? '255');
      const id = /^\d+$/.test(idText.trim()) ? Number(idText) : Number.NaN;
      const inMesh = peers.length > 0 || views.length > 0;
      const evidence = {
        clusterName: name,
        clusterId: idText,
        maxConnectedClusters: max,
        fleetName: facts.target.name,
        peers,
      };
      const problems: string[] = [];
      if (!NAME.test(name))
        problems.push(`cluster-name "${name}" is not a lowercase DNS label of ≤ 32 characters`);
      if (Number.isNaN(id) || id > max)
        problems.push(`cluster-id "${idText}" is not an integer in 0..${max}`);
      if (inMesh) {
        if (name === 'default')
          problems.push('cluster-name is "default" while ClusterMesh peers are configured');
        if (id === 0)
          problems.push('cluster-id is 0 while ClusterMesh peers are configured (must be 1..max)');
        const clash = views.filter((v) => v.peer === name);
        if (clash.length > 0)
          problems.push(`an agent reports a remote cluster with this cluster's own name "${name}"`);
        const sameId = new Set<string>();
        for (const s of statuses) {
          if (s.kind !== 'ok') continue;
          for (const rc of s.value['cluster-mesh']?.clusters ?? [])
            if (rc.config?.['cluster-id'] === id) sameId.add(rc.name);
        }
        if (sameId.size > 0) problems.push(`cluster-id ${id} clashes with peer ${[...sameId].join(', ')}`);
      }
      if (problems.length > 0) {
        return [
          outcome.nonPass(
            'fail',
            ID,
            'cluster',
            problems.join('; '),
            'Set a unique `cluster.name` and `cluster.id` (1..max-connected-clusters) in the Helm values of every meshed cluster; changing them needs an agent restart and re-connecting the mesh.',
            { evidence },
          ),
        ];
      }
      return [outcome.pass(ID, 'cluster', `cluster-name "${name}", cluster-id ${id}`, { evidence })];
    } catch (err) {
      return [errorOutcome(ID, 'cluster', err, 'read cilium-config')];
    }
  },
};
