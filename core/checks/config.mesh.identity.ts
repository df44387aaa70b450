import type { StatusResponse } from '../cilium/status-json.ts';
import type { Outcome } from '../outcome.ts';
import type { MeshView } from '../sweep/report.ts';
import type { AgentOutput } from './agent-exec.ts';
import type { CheckDefinition } from './definition.ts';
import { outcomes } from './outcomes.ts';

const ID = 'config.mesh.identity';
const o = outcomes(ID);
const HINT =
  'Set a unique `cluster.name` and `cluster.id` (1..max-connected-clusters) in the Helm values of every meshed cluster; changing them needs an agent restart and re-connecting the mesh.';
const NAME = /^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/;

/** The mesh-only problems: a default name or id, or a peer reporting this cluster's own name or id. */
function meshProblems(
  name: string,
  id: number,
  views: MeshView[],
  statuses: AgentOutput<StatusResponse>[],
): string[] {
  const problems: string[] = [];
  if (name === 'default') problems.push('cluster-name is "default" while ClusterMesh peers are configured');
  if (id === 0) problems.push('cluster-id is 0 while ClusterMesh peers are configured (must be 1..max)');
  if (views.some((v) => v.peer === name))
    problems.push(`an agent reports a remote cluster with this cluster's own name "${name}"`);
  const sameId = new Set<string>();
  for (const s of statuses) {
    if (s.kind !== 'ok') continue;
    for (const rc of s.value['cluster-mesh']?.clusters ?? [])
      if (rc.config?.['cluster-id'] === id) sameId.add(rc.name);
  }
  if (sameId.size > 0) problems.push(`cluster-id ${id} clashes with peer ${[...sameId].join(', ')}`);
  return problems;
}

/**
 * ClusterMesh needs a unique, valid cluster-name and a non-zero, unique cluster-id per cluster; clashes mix identities.
 * The local cluster's own entry in its clustermesh secret (a shared Helm list) is not a peer: agents ignore it. A
 * fleet name that differs from cluster-name is no finding: mesh pairs are matched by cluster-name (core/sweep/peers.ts).
 */
export const configMeshIdentity: CheckDefinition = {
  id: ID,
  layer: 'config',
  doc: 'cilium-config cluster-name / cluster-id are valid for ClusterMesh and do not clash with a peer (own secret entry ignored).',
  doing: 'read cilium-config',
  async run(facts): Promise<Outcome[]> {
    const [config, peers, views, statuses] = await Promise.all([
      facts.ciliumConfig(),
      facts.configuredPeers(),
      facts.meshViews(),
      facts.agentStatus(),
    ]);
    if (!config)
      return [
        o.error(
          'cluster',
          'ConfigMap kube-system/cilium-config not found',
          'Is Cilium installed in kube-system?',
        ),
      ];
    const name = config['cluster-name'] ?? 'default';
    const idText = config['cluster-id'] ?? '0';
    const max = Number(config['max-connected-clusters'] ?? '255');
    const id = /^\d+$/.test(idText.trim()) ? Number(idText) : Number.NaN;
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
    if (Number.isNaN(id) || id > max) problems.push(`cluster-id "${idText}" is not an integer in 0..${max}`);
    if (peers.length > 0 || views.length > 0) problems.push(...meshProblems(name, id, views, statuses));
    if (problems.length > 0) return [o.fail('cluster', problems.join('; '), HINT, { evidence })];
    return [o.pass('cluster', `cluster-name "${name}", cluster-id ${id}`, { evidence })];
  },
};
