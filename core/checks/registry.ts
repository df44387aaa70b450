import { businessDnsResolve } from './business.dns.resolve.ts';
import { businessServiceReach } from './business.service.reach.ts';
import { componentAgentRollout } from './component.agent.rollout.ts';
import { componentAgentStatus } from './component.agent.status.ts';
import { componentHubbleReady } from './component.hubble.ready.ts';
import { componentOperatorReady } from './component.operator.ready.ts';
import { configHealthDetection } from './config.health.detection.ts';
import { configKernelVersion } from './config.kernel.version.ts';
import { configMeshIdentity } from './config.mesh.identity.ts';
import type { CheckDefinition } from './definition.ts';
import { meshPeerConnected } from './mesh.peer.connected.ts';
import { nodeEndpointsState } from './node.endpoints.state.ts';
import { nodeHealthLatency } from './node.health.latency.ts';
import { nodeHealthReachability } from './node.health.reachability.ts';
import { versionSkew } from './version.skew.ts';

/** Every check, in report order (component → node → business → config → mesh → version). */
export const checkRegistry: readonly CheckDefinition[] = [
  componentAgentStatus,
  componentAgentRollout,
  componentOperatorReady,
  componentHubbleReady,
  nodeHealthReachability,
  nodeHealthLatency,
  nodeEndpointsState,
  businessDnsResolve,
  businessServiceReach,
  configKernelVersion,
  configMeshIdentity,
  configHealthDetection,
  meshPeerConnected,
  versionSkew,
];

/** id, layer, doc and preconditions of every check (for `--help`, docs and the API). */
export function listChecks(): { id: string; layer: string; doc: string; needs: string[] }[] {
  return checkRegistry.map(({ id, layer, doc, requires = [] }) => ({
    id,
    layer,
    doc,
    needs: requires.map((p) => p.needs),
  }));
}
