/**
 * Everything one simulated Cilium agent knows, as the renderers of `cilium-dbg status`,
 * `cilium-health status`, `cilium-dbg endpoint list` and `cilium-dbg version` need it.
 * The simulator builds it from the scenario + active faults; renderers are pure functions of it.
 */
type ComponentState = 'Ok' | 'Warning' | 'Failure' | 'Disabled';

export interface ComponentStatus {
  state: ComponentState;
  msg: string;
}

export interface ControllerView {
  name: string;
  /** Set when the controller is failing. */
  failureMessage?: string;
  failureCount?: number;
}

export interface MeshPeerView {
  name: string;
  ready: boolean;
  connected: boolean;
  clusterId?: number;
  numNodes: number;
  numEndpoints: number;
  numIdentities: number;
  numServices: number;
  numFailures: number;
  lastFailure?: Date;
  /** Free-text status, e.g. `etcd: 1/1 connected, ...` or the disconnection message. */
  status: string;
}

/** Result of one probe (ICMP or HTTP) towards one address. `error` set = unreachable. */
export interface ProbeView {
  rttNs?: number;
  error?: string;
}

export interface PathPairView {
  host: { icmp: ProbeView; http: ProbeView };
  endpoint: { icmp: ProbeView; http: ProbeView };
}

export interface HealthPeerView extends PathPairView {
  /** Node name without cluster prefix. */
  node: string;
  /** Set for a ClusterMesh peer's node: its cluster-name (cilium-health names it `<cluster>/<node>`). */
  cluster?: string;
  nodeIP: string;
  healthIP: string;
  isLocal: boolean;
  /** Dual stack: the IPv6 node and health-endpoint addresses and their probes. */
  secondary?: PathPairView & { nodeIP: string; healthIP: string };
}

export interface EndpointView {
  id: number;
  identity: number;
  labels: string[];
  ipv4: string;
  state: string;
  namespace?: string;
  podName?: string;
  policyIngress: 'Enabled' | 'Disabled';
  policyEgress: 'Enabled' | 'Disabled';
}

export interface AgentView {
  /** e.g. "1.16.5" */
  version: string;
  /** Short git commit shown next to the version, e.g. "ad688277". */
  commit: string;
  clusterName: string;
  clusterId: number;
  nodeName: string;
  nodeIP: string;
  podCIDR: string;
  allocatedIPs: number;
  k8sVersion: string;
  kernel: string;
  routingMode: 'tunnel' | 'native';
  tunnelProtocol: 'vxlan' | 'geneve';
  kubeProxyReplacement: boolean;
  cpus: number;
  now: Date;
  cilium: ComponentStatus;
  kvstore: ComponentStatus;
  kubernetes: ComponentStatus;
  health: ComponentStatus;
  hubble: ComponentStatus & {
    enabled: boolean;
    currentFlows: number;
    maxFlows: number;
    flowsPerSecond: number;
  };
  controllers: ControllerView[];
  mesh: MeshPeerView[];
  /** The cilium-health matrix as seen from this node (includes the local node, isLocal=true). */
  healthPeers: HealthPeerView[];
  /** Nodes of connected ClusterMesh peers, which cilium-health probes too. */
  meshHealthPeers: HealthPeerView[];
  probeInterval: string;
  endpoints: EndpointView[];
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}
