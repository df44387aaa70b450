import type { ClusterSim } from '../cluster/cluster-sim.ts';
import { ofType } from '../cluster/faults.ts';

/**
 * The body an active `garbage-output {command: endpoints}` fault puts in place of the CiliumEndpoint list: agents
 * publish their endpoints as CiliumEndpoints and node.endpoints.state reads that list, so the injected stdout
 * replaces the list answer (whole cluster; `node` only scopes the `cilium-dbg endpoint list` exec output).
 */
export function injectedEndpointList(cluster: ClusterSim, resource: string): string | undefined {
  if (resource !== 'ciliumendpoints') return undefined;
  return ofType(cluster.active(), 'garbage-output').find((a) => a.fault.command === 'endpoints')?.fault
    .stdout;
}
